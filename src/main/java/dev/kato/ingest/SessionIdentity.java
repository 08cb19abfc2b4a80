package dev.kato.ingest;

import dev.kato.json.JsonLimits;
import dev.kato.json.JsonTreeReader;
import dev.kato.json.JsonValue;
import dev.kato.json.MalformedJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads just enough of a provider log to know which session it belongs to: the first line of a
 * JSONL file, or the top-level {@code sessionId} of a Gemini JSON document.
 */
final class SessionIdentity {
    private static final int MAX_HEAD_BYTES = 1 << 20;
    private static final int FIRST_HEAD_BYTES = 16 << 10;
    private static final Pattern UUID_AT_END =
            Pattern.compile(
                    "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$");
    private static final JsonTreeReader READER = new JsonTreeReader(JsonLimits.DEFAULT);
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private SessionIdentity() {}

    /**
     * The first line of a file as a JSON object, if it is one. The buffer starts small and grows
     * only while no line end was found, up to {@link #MAX_HEAD_BYTES}.
     */
    static JsonValue firstRecord(Path file) throws IOException {
        byte[] head = new byte[FIRST_HEAD_BYTES];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                if (n == head.length) {
                    if (head.length >= MAX_HEAD_BYTES) {
                        break;
                    }
                    head = Arrays.copyOf(head, Math.min(MAX_HEAD_BYTES, head.length * 4));
                }
                int r = in.read(head, n, head.length - n);
                if (r <= 0) {
                    break;
                }
                int nl = indexOf(head, n, n + r);
                n += r;
                if (nl >= 0) {
                    n = nl;
                    break;
                }
            }
        }
        try {
            return READER.read(head, 0, n);
        } catch (MalformedJsonException e) {
            return JsonValue.NULL;
        }
    }

    /** Codex: the session_meta id, else the legacy bare header id, else a UUID in the file name. */
    static Optional<String> codexSessionId(Path file) throws IOException {
        JsonValue first = firstRecord(file);
        JsonValue payload = first.get("payload");
        Optional<String> id =
                payload.get("id").tryString().or(() -> payload.get("session_id").tryString());
        if (id.isEmpty() && first.get("type").isMissing()) {
            id = first.get("id").tryString();
        }
        return id.filter(s -> !s.isBlank()).or(() -> uuidInName(file));
    }

    /** Gemini JSONL: the metadata row's sessionId. Gemini JSON: the top-level sessionId. */
    static Optional<String> geminiSessionId(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".jsonl")) {
            return firstRecord(file).get("sessionId").tryString().filter(s -> !s.isBlank());
        }
        try (InputStream in = Files.newInputStream(file);
                JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("sessionId") && value == JsonToken.VALUE_STRING) {
                    return Optional.of(p.getString()).filter(s -> !s.isBlank());
                }
                p.skipChildren();
            }
            return Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /**
     * Claude: the {@code sessionId} of the first of the first 64 lines that has one (bookkeeping
     * lines such as {@code summary} may come first). For main files it usually equals the stem.
     */
    static Optional<String> claudeSessionIdOfRecords(Path file) throws IOException {
        try (var lines =
                new java.io.BufferedReader(
                        new java.io.InputStreamReader(
                                new java.io.BufferedInputStream(Files.newInputStream(file)),
                                java.nio.charset.StandardCharsets.UTF_8))) {
            for (int i = 0; i < 64; i++) {
                String line = lines.readLine();
                if (line == null || line.length() > MAX_HEAD_BYTES) {
                    break;
                }
                byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                try {
                    Optional<String> id =
                            READER.read(bytes)
                                    .get("sessionId")
                                    .tryString()
                                    .filter(s -> !s.isBlank());
                    if (id.isPresent()) {
                        return id;
                    }
                } catch (MalformedJsonException e) {
                    // keep looking
                }
            }
        }
        return Optional.empty();
    }

    static Optional<String> uuidInName(Path file) {
        String stem = stem(file);
        Matcher m = UUID_AT_END.matcher(stem);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static int indexOf(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}

package dev.kato.ingest;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.provider.FileRole;
import dev.kato.provider.ParserLimits;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.FixtureFiles;
import dev.kato.testing.ParserRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Real files for the ingest tests: appends, fixture lines, one-shot reference parses. */
final class IngestFiles {
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");

    private IngestFiles() {}

    static SessionFile claude(Path path) {
        return new SessionFile(Provider.CLAUDE, path, FileRole.MAIN, null);
    }

    static SessionFile codex(Path path) {
        return new SessionFile(Provider.CODEX, path, FileRole.MAIN, null);
    }

    static SessionFile gemini(Path path) {
        return new SessionFile(Provider.GEMINI, path, FileRole.MAIN, null);
    }

    static void append(Path file, byte[] bytes) {
        try {
            Files.write(
                    file,
                    bytes,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void append(Path file, String text) {
        append(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The lines of a JSONL byte array, each with its {@code \n}. */
    static List<byte[]> lines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i + 1));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(Arrays.copyOfRange(bytes, start, bytes.length));
        }
        return lines;
    }

    static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** What parsing {@code bytes} as {@code file} in one go gives. */
    static CollectingSink oneShot(SessionFile file, byte[] bytes) {
        return ParserRuns.whole(
                () -> SessionParsers.create(file.parseContext(), ParserLimits.DEFAULT), bytes);
    }

    static List<String> ids(List<ConversationEvent> events) {
        return events.stream().map(e -> e.meta().eventId().value()).toList();
    }

    /** The event ids listed in a golden {@code *.events.jsonl}. */
    static List<String> goldenIds(String testdata) {
        String text = new String(FixtureFiles.testdata(testdata), StandardCharsets.UTF_8);
        List<String> ids = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = EVENT_ID.matcher(line);
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    static String jsonl(List<ConversationEvent> events) {
        return ParserRuns.jsonl(events);
    }
}

package dev.kato.prompthistory;

import dev.kato.event.Provider;
import dev.kato.json.JsonLimits;
import dev.kato.json.JsonTreeReader;
import dev.kato.json.JsonValue;
import dev.kato.json.MalformedJsonException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a prompt-history file, bounded: of a JSONL file only its last {@link #MAX_BYTES} (the
 * partial first line of that tail dropped), of Gemini's {@code logs.json} (one JSON array, which
 * has no readable tail) the whole file if it is at most that size. Malformed entries are skipped.
 * Exceptions name the problem, never the content.
 */
final class HistoryReader {
    /** The most bytes read from one history file (4 MiB, thousands of prompts). */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final JsonTreeReader JSON =
            new JsonTreeReader(new JsonLimits(64, MAX_BYTES, MAX_BYTES));

    private HistoryReader() {}

    /**
     * The entries of {@code file}, oldest first.
     *
     * @throws IOException when the file is missing, not a regular file, unreadable, or (Gemini)
     *     larger than {@link #MAX_BYTES} or not a JSON array
     */
    static List<HistoryEntry> read(Provider provider, Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) {
            throw new IOException("the prompt history is not a regular file");
        }
        if (provider == Provider.GEMINI) {
            if (attrs.size() > MAX_BYTES) {
                throw new IOException("the prompt history is larger than " + MAX_BYTES + " bytes");
            }
            return gemini(slice(file, 0, attrs.size()));
        }
        long start = Math.max(0, attrs.size() - MAX_BYTES);
        return jsonl(provider, slice(file, start, attrs.size()), start > 0);
    }

    private static byte[] slice(Path file, long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) (to - from));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (ch.read(buffer, from + buffer.position()) < 0) {
                    break; // truncated meanwhile: use what is there
                }
            }
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    private static List<HistoryEntry> jsonl(Provider provider, byte[] bytes, boolean cut) {
        List<HistoryEntry> entries = new ArrayList<>();
        int at = 0;
        if (cut) { // the tail starts inside a line
            while (at < bytes.length && bytes[at] != '\n') {
                at++;
            }
        }
        while (at < bytes.length) {
            int end = at;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end > at) {
                JsonValue line = parse(bytes, at, end - at);
                HistoryEntry entry =
                        provider == Provider.CLAUDE
                                ? entry(
                                        line.get("sessionId"),
                                        line.get("display"),
                                        millis(line.get("timestamp")))
                                : entry(
                                        line.get("session_id"),
                                        line.get("text"),
                                        seconds(line.get("ts")));
                if (entry != null) {
                    entries.add(entry);
                }
            }
            at = end + 1;
        }
        return entries;
    }

    private static List<HistoryEntry> gemini(byte[] bytes) throws IOException {
        if (!(parse(bytes, 0, bytes.length) instanceof JsonValue.Arr array)) {
            throw new IOException("the prompt history is not a JSON array");
        }
        List<HistoryEntry> entries = new ArrayList<>();
        for (JsonValue item : array.items()) {
            String type = item.get("type").stringOr("user");
            HistoryEntry entry =
                    entry(item.get("sessionId"), item.get("message"), iso(item.get("timestamp")));
            if (type.equals("user") && entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static JsonValue parse(byte[] bytes, int off, int len) {
        try {
            return JSON.read(bytes, off, len);
        } catch (MalformedJsonException e) {
            return JsonValue.NULL;
        }
    }

    private static @Nullable HistoryEntry entry(
            JsonValue sessionId, JsonValue text, @Nullable Instant time) {
        String t = text.stringOrNull();
        return t == null || time == null
                ? null
                : new HistoryEntry(sessionId.stringOrNull(), t, time);
    }

    private static @Nullable Instant millis(JsonValue v) {
        return v instanceof JsonValue.Num n ? Instant.ofEpochMilli(n.longValueOr(0)) : null;
    }

    private static @Nullable Instant seconds(JsonValue v) {
        return v instanceof JsonValue.Num n ? Instant.ofEpochSecond(n.longValueOr(0)) : null;
    }

    private static @Nullable Instant iso(JsonValue v) {
        String s = v.stringOrNull();
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

package dev.kato.vault;

import dev.kato.event.EventId;
import dev.kato.event.EventKind;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.event.UtcTimestamps;
import dev.kato.json.JsonLimits;
import dev.kato.json.JsonTreeReader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Checks a canonical line from a provider worker as strictly as {@link JsonlEventReader} reads it,
 * decoding only what the daemon needs of a line it merely stores. Most of a catch-up's bytes are
 * the texts of assistant messages, thinking, tool calls and results; the daemon stores those lines
 * as they came and never looks at their text unless a recording is active. So for such a line
 * Jackson walks the canonical layout, decodes the header and steps over each text (still checking
 * its UTF-8 and escapes), and the line becomes a {@link LineEvent.Skimmed}.
 *
 * <p>Every other line is read whole ({@link LineEvent.Whole}): user messages, decisions and
 * provider information (their content feeds commands, titles and audits), and any line whose bytes
 * hold {@code ::} (a command line could stand in it, which the daemon audits even from untrusted
 * origins) or a {@code \\u} escape (it can hide {@code ::} or a lone surrogate).
 *
 * <p>A line in exactly the compact form the canonical renderer writes is first tried by {@link
 * CompactLineScan}, one pass a word at a time; what that scan does not know comes here.
 * Thread-safe.
 */
public final class LineSkimmer {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long COLONS = ONES * ':';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long US = ONES * 'u';
    private static final long EDS = ONES * 0xED;
    private static final long TOP_THREE = ONES * 0xE0;
    private static final long A0S = ONES * 0xA0;
    private static final JsonlEventReader WHOLE = new JsonlEventReader();
    private static final JsonTreeReader JSON =
            new JsonTreeReader(
                    new JsonLimits(
                            8, JsonlEventReader.MAX_LINE_BYTES, JsonlEventReader.MAX_LINE_BYTES));

    /**
     * The line's event, or empty when {@link JsonlEventReader} would refuse it. One trailing line
     * feed is allowed; the skimmed event keeps a reference to {@code bytes}.
     */
    public Optional<LineEvent> read(byte[] bytes, int off, int len) {
        if (off < 0 || len < 0 || off > bytes.length - len) {
            throw new IndexOutOfBoundsException("bad offset or length");
        }
        int end = off + len;
        if (end > off && bytes[end - 1] == '\n') {
            end--;
        }
        if (end - off > JsonlEventReader.MAX_LINE_BYTES) {
            return Optional.empty();
        }
        Skim compact = CompactLineScan.scan(bytes, off, end);
        if (compact != null) {
            return Optional.of(new LineEvent.Skimmed(compact.meta, compact.kind, bytes, off, len));
        }
        return readByJackson(bytes, off, len, end);
    }

    /**
     * {@link #read} without the compact scan: {@code end} is {@code off + len} less one trailing
     * line feed. Package-private for the tests that hold the two paths to the same results.
     */
    Optional<LineEvent> readByJackson(byte[] bytes, int off, int len, int end) {
        if (mustReadWhole(bytes, off, end)) {
            return whole(bytes, off, len);
        }
        try (JsonParser p = JSON.parser(bytes, off, end - off)) {
            Skim skim = skim(p);
            if (skim == null) {
                return whole(bytes, off, len);
            }
            return Optional.of(new LineEvent.Skimmed(skim.meta, skim.kind, bytes, off, len));
        } catch (JacksonException | RejectedLine e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code b[from, to)} holds {@code ::}, a {@code \\u} escape, or the three-byte form of
     * a surrogate (0xED, then 0xA0–0xBF), which Jackson refuses when it decodes a string but not
     * when it steps over one. One pass, a word at a time: any byte pair of a word that may match is
     * checked byte by byte.
     */
    static boolean mustReadWhole(byte[] b, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES - 1; i += Long.BYTES) {
            long v = (long) LONGS.get(b, i);
            long w = (long) LONGS.get(b, i + 1);
            long candidates =
                    (zeroBytes(v ^ COLONS) & zeroBytes(w ^ COLONS))
                            | (zeroBytes(v ^ BACKSLASHES) & zeroBytes(w ^ US))
                            | (zeroBytes(v ^ EDS) & zeroBytes((w & TOP_THREE) ^ A0S));
            if (candidates != 0 && anyPair(b, i, i + Long.BYTES)) {
                return true;
            }
        }
        return anyPair(b, i, to - 1);
    }

    /** Whether a pair {@link #mustReadWhole} looks for starts in {@code [from, to)}. */
    private static boolean anyPair(byte[] b, int from, int to) {
        for (int k = from; k < to; k++) {
            int x = b[k] & 0xFF;
            int y = b[k + 1] & 0xFF;
            if ((x == ':' && y == ':')
                    || (x == '\\' && y == 'u')
                    || (x == 0xED && (y & 0xE0) == 0xA0)) {
                return true;
            }
        }
        return false;
    }

    /** The high bit of each zero byte of {@code v} (and perhaps of bytes above the lowest one). */
    private static long zeroBytes(long v) {
        return (v - ONES) & ~v & HIGHS;
    }

    private static Optional<LineEvent> whole(byte[] bytes, int off, int len) {
        return WHOLE.read(bytes, off, len) instanceof EventReadResult.Parsed(var event)
                ? Optional.of(new LineEvent.Whole(event))
                : Optional.empty();
    }

    /** What a skim decodes of a line. */
    record Skim(EventMeta meta, EventKind kind) {
        static Skim of(
                String eventId,
                Provider provider,
                String sessionId,
                @Nullable Instant timestamp,
                @Nullable String turnId,
                String type,
                String sourceId,
                @Nullable String agentId,
                EventKind kind) {
            return new Skim(
                    new EventMeta(
                            new EventId(eventId),
                            provider,
                            sessionId,
                            timestamp,
                            turnId,
                            type,
                            sourceId,
                            agentId),
                    kind);
        }
    }

    /** The header of a line of a skimmable kind, its whole layout checked; null for other kinds. */
    private static @Nullable Skim skim(JsonParser p) throws RejectedLine {
        expect(p.nextToken(), JsonToken.START_OBJECT);
        name(p, "conversationSchemaVersion");
        if (p.nextToken() != JsonToken.VALUE_NUMBER_INT
                || !p.getString().equals(Integer.toString(JsonlEventReader.SCHEMA_VERSION))) {
            throw new RejectedLine("unsupported conversationSchemaVersion");
        }
        name(p, "eventId");
        String eventId = string(p);
        if (eventId.isEmpty() || eventId.length() > 512) {
            throw new RejectedLine("eventId length out of range");
        }
        name(p, "provider");
        Provider provider =
                Provider.tryParse(string(p))
                        .orElseThrow(() -> new RejectedLine("unknown provider"));
        name(p, "sessionId");
        String sessionId = string(p);
        name(p, "timestamp");
        Instant timestamp = timestampOrNull(p);
        name(p, "kind");
        EventKind kind = JsonlEventReader.kindOf(string(p));
        if (!skimmable(kind)) {
            return null;
        }
        name(p, "turnId");
        String turnId = stringOrNull(p);
        name(p, "source");
        expect(p.nextToken(), JsonToken.START_OBJECT);
        name(p, "providerEventType");
        String type = string(p);
        name(p, "providerEventId");
        String sourceId = string(p);
        expect(p.nextToken(), JsonToken.END_OBJECT);
        String field = nextName(p);
        String agentId = null;
        if (field.equals("agentId")) {
            agentId = string(p);
            field = nextName(p);
        }
        switch (kind) {
            case ASSISTANT_MESSAGE -> {
                stringOrNull(p, field, "model");
                JsonlEventReader.phase(string(p, nextName(p), "phase"));
                skipString(p, nextName(p), "text");
            }
            case THINKING -> {
                stringOrNull(p, field, "model");
                skipString(p, nextName(p), "text");
            }
            case TOOL_CALL -> {
                stringOrNull(p, field, "model");
                skipString(p, nextName(p), "toolCallId");
                skipString(p, nextName(p), "name");
                skipString(p, nextName(p), "description");
                skipString(p, nextName(p), "input");
            }
            case TOOL_RESULT -> {
                skipString(p, field, "toolCallId");
                expectName(nextName(p), "isError");
                JsonToken b = p.nextToken();
                if (b != JsonToken.VALUE_TRUE && b != JsonToken.VALUE_FALSE) {
                    throw new RejectedLine("field 'isError' is not a boolean");
                }
                skipString(p, nextName(p), "text");
            }
            case SYSTEM_NOTICE -> {
                skipString(p, field, "subtype");
                skipString(p, nextName(p), "text");
            }
            default -> throw new IllegalStateException("not a skimmable kind");
        }
        expect(p.nextToken(), JsonToken.END_OBJECT);
        if (p.nextToken() != null) {
            throw new RejectedLine("trailing content after the JSON value");
        }
        return Skim.of(
                eventId, provider, sessionId, timestamp, turnId, type, sourceId, agentId, kind);
    }

    private static boolean skimmable(EventKind kind) {
        return switch (kind) {
            case ASSISTANT_MESSAGE, THINKING, TOOL_CALL, TOOL_RESULT, SYSTEM_NOTICE -> true;
            case USER_MESSAGE, DECISION, PROVIDER_INFO -> false;
        };
    }

    private static void expect(@Nullable JsonToken token, JsonToken expected) throws RejectedLine {
        if (token != expected) {
            throw new RejectedLine("not the canonical layout");
        }
    }

    /** The next property name; anything else (the object's end) breaks the layout. */
    private static String nextName(JsonParser p) throws RejectedLine {
        expect(p.nextToken(), JsonToken.PROPERTY_NAME);
        return p.currentName();
    }

    private static void name(JsonParser p, String expected) throws RejectedLine {
        expectName(nextName(p), expected);
    }

    private static void expectName(String name, String expected) throws RejectedLine {
        if (!name.equals(expected)) {
            throw new RejectedLine("not the canonical layout");
        }
    }

    private static String string(JsonParser p) throws RejectedLine {
        expect(p.nextToken(), JsonToken.VALUE_STRING);
        return p.getString();
    }

    private static String string(JsonParser p, String name, String expected) throws RejectedLine {
        expectName(name, expected);
        return string(p);
    }

    private static @Nullable String stringOrNull(JsonParser p) throws RejectedLine {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.VALUE_STRING);
        return p.getString();
    }

    private static void stringOrNull(JsonParser p, String name, String expected)
            throws RejectedLine {
        expectName(name, expected);
        stringOrNull(p);
    }

    /**
     * A string value the daemon does not need: Jackson checks it (UTF-8, escapes, control
     * characters) while stepping over it on the next token, without building it.
     */
    private static void skipString(JsonParser p, String name, String expected) throws RejectedLine {
        expectName(name, expected);
        expect(p.nextToken(), JsonToken.VALUE_STRING);
    }

    private static @Nullable Instant timestampOrNull(JsonParser p) throws RejectedLine {
        String text = stringOrNull(p);
        if (text == null) {
            return null;
        }
        Instant parsed = UtcTimestamps.parseCanonical(text);
        if (parsed == null) {
            throw new RejectedLine("not a canonical timestamp");
        }
        return parsed;
    }

    @Override
    public String toString() {
        return "LineSkimmer[v" + JsonlEventReader.SCHEMA_VERSION + "]";
    }
}

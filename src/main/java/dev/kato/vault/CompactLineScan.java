package dev.kato.vault;

import dev.kato.event.EventKind;
import dev.kato.event.Provider;
import dev.kato.event.UtcTimestamps;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fast path of {@link LineSkimmer}: one pass over a skimmable line in exactly the compact form
 * the canonical renderer writes. No whitespace, the canonical key order, header strings of
 * printable ASCII without escapes, and texts of well-formed UTF-8 with only the two-character
 * escapes. Texts are checked a word at a time.
 *
 * <p>It accepts a line only where LineSkimmer's Jackson skim would accept it with the same header;
 * it never refuses one. Anything it does not know is left to that skim, which decides: whitespace,
 * an escape or a non-ASCII byte in a header string, a {@code \\u} escape, a {@code ::}, a byte
 * sequence that is not well-formed UTF-8 (a surrogate's three-byte form among them), a control
 * character, a kind that is read whole. {@code CompactLineScanTest} holds the two paths to the same
 * results, on real lines and on mutated ones.
 *
 * <p>It exists because the daemon runs C1-compiled code only: there, Jackson's byte-at-a-time step
 * over a text plus the separate word-at-a-time pre-scan cost the daemon ~3 s of CPU per GB of
 * catch-up.
 */
final class CompactLineScan {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long SPACES = ONES * 0x20;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long COLONS = ONES * ':';

    private static final byte[] START =
            ascii(
                    "{\"conversationSchemaVersion\":"
                            + JsonlEventReader.SCHEMA_VERSION
                            + ",\"eventId\":");
    private static final byte[] PROVIDER = ascii(",\"provider\":");
    private static final byte[] SESSION_ID = ascii(",\"sessionId\":");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");
    private static final byte[] KIND = ascii(",\"kind\":");
    private static final byte[] TURN_ID = ascii(",\"turnId\":");
    private static final byte[] SOURCE = ascii(",\"source\":{\"providerEventType\":");
    private static final byte[] SOURCE_ID = ascii(",\"providerEventId\":");
    private static final byte[] AGENT_ID = ascii("},\"agentId\":");
    private static final byte[] CLOSE = ascii("}");
    private static final byte[] MODEL = ascii(",\"model\":");
    private static final byte[] PHASE = ascii(",\"phase\":");
    private static final byte[] TEXT = ascii(",\"text\":");
    private static final byte[] TOOL_CALL_ID = ascii(",\"toolCallId\":");
    private static final byte[] NAME = ascii(",\"name\":");
    private static final byte[] DESCRIPTION = ascii(",\"description\":");
    private static final byte[] INPUT = ascii(",\"input\":");
    private static final byte[] IS_ERROR = ascii(",\"isError\":");
    private static final byte[] SUBTYPE = ascii(",\"subtype\":");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");

    /** Leaves a line to the Jackson skim; without a stack trace, so cheap to throw. */
    private static final RejectedLine NOT_COMPACT = new RejectedLine("not the compact form");

    private CompactLineScan() {}

    /**
     * The header and kind of {@code b[from, to)} (no line feed), or null when the line is not a
     * skimmable kind in the compact form this scan knows: the caller then skims it with Jackson.
     */
    static LineSkimmer.@Nullable Skim scan(byte[] b, int from, int to) {
        try {
            return header(new Cursor(b, from, to));
        } catch (RejectedLine | IllegalArgumentException e) {
            // not the compact form, or a value the Jackson skim refuses itself: it decides
            return null;
        }
    }

    private static LineSkimmer.@Nullable Skim header(Cursor c) throws RejectedLine {
        c.expect(START);
        String eventId = c.plain();
        if (eventId.isEmpty() || eventId.length() > 512) {
            return null;
        }
        c.expect(PROVIDER);
        Optional<Provider> provider = Provider.tryParse(c.plain());
        if (provider.isEmpty()) {
            return null;
        }
        c.expect(SESSION_ID);
        String sessionId = c.plain();
        c.expect(TIMESTAMP);
        String time = c.plainOrNull();
        Instant timestamp = time == null ? null : UtcTimestamps.parseCanonical(time);
        if (time != null && timestamp == null) {
            return null;
        }
        c.expect(KIND);
        EventKind kind = JsonlEventReader.kindOf(c.plain());
        c.expect(TURN_ID);
        String turnId = c.plainOrNull();
        c.expect(SOURCE);
        String type = c.plain();
        c.expect(SOURCE_ID);
        String sourceId = c.plain();
        String agentId = null;
        if (c.skip(AGENT_ID)) {
            agentId = c.plain();
        } else {
            c.expect(CLOSE);
        }
        if (!fields(c, kind)) {
            return null;
        }
        c.expect(CLOSE);
        if (!c.atEnd()) {
            return null;
        }
        return LineSkimmer.Skim.of(
                eventId,
                provider.get(),
                sessionId,
                timestamp,
                turnId,
                type,
                sourceId,
                agentId,
                kind);
    }

    /** Steps over the kind's own fields; false for a kind the Jackson path reads whole. */
    private static boolean fields(Cursor c, EventKind kind) throws RejectedLine {
        switch (kind) {
            case ASSISTANT_MESSAGE -> {
                c.expect(MODEL);
                c.textOrNull();
                c.expect(PHASE);
                JsonlEventReader.phase(c.plain());
                c.expect(TEXT);
                c.text();
            }
            case THINKING -> {
                c.expect(MODEL);
                c.textOrNull();
                c.expect(TEXT);
                c.text();
            }
            case TOOL_CALL -> {
                c.expect(MODEL);
                c.textOrNull();
                for (byte[] name : new byte[][] {TOOL_CALL_ID, NAME, DESCRIPTION, INPUT}) {
                    c.expect(name);
                    c.text();
                }
            }
            case TOOL_RESULT -> {
                c.expect(TOOL_CALL_ID);
                c.text();
                c.expect(IS_ERROR);
                if (!c.skip(TRUE)) {
                    c.expect(FALSE);
                }
                c.expect(TEXT);
                c.text();
            }
            case SYSTEM_NOTICE -> {
                c.expect(SUBTYPE);
                c.text();
                c.expect(TEXT);
                c.text();
            }
            case USER_MESSAGE, DECISION, PROVIDER_INFO -> {
                return false;
            }
        }
        return true;
    }

    /** A position in a line; each step fails with {@link RejectedLine} where the form differs. */
    private static final class Cursor {
        private final byte[] b;
        private final int to;
        private int at;

        Cursor(byte[] b, int from, int to) {
            this.b = b;
            this.at = from;
            this.to = to;
        }

        void expect(byte[] literal) throws RejectedLine {
            if (!skip(literal)) {
                throw NOT_COMPACT;
            }
        }

        boolean skip(byte[] literal) {
            if (!CompactLineScan.at(b, at, to, literal)) {
                return false;
            }
            at += literal.length;
            return true;
        }

        String plain() throws RejectedLine {
            int e = CompactLineScan.plain(b, at, to);
            if (e < 0) {
                throw NOT_COMPACT;
            }
            String value = ascii(b, at + 1, e - 1);
            at = e;
            return value;
        }

        @Nullable String plainOrNull() throws RejectedLine {
            return skip(NULL) ? null : plain();
        }

        void text() throws RejectedLine {
            int e = CompactLineScan.text(b, at, to);
            if (e < 0) {
                throw NOT_COMPACT;
            }
            at = e;
        }

        void textOrNull() throws RejectedLine {
            if (!skip(NULL)) {
                text();
            }
        }

        boolean atEnd() {
            return at == to;
        }
    }

    private static boolean at(byte[] b, int i, int to, byte[] literal) {
        if (i < 0 || i > to - literal.length) {
            return false;
        }
        for (int k = 0; k < literal.length; k++) {
            if (b[i + k] != literal[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A header string at {@code i} of printable ASCII, no escape and no {@code ::}: the index after
     * its closing quote, or -1.
     */
    private static int plain(byte[] b, int i, int to) {
        if (i >= to || b[i] != '"') {
            return -1;
        }
        for (int k = i + 1; k < to; k++) {
            int c = b[k] & 0xFF;
            if (c == '"') {
                return k + 1;
            }
            if (c < 0x20 || c >= 0x80 || c == '\\' || (c == ':' && k + 1 < to && b[k + 1] == ':')) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * A string at {@code i} whose bytes are well-formed UTF-8 (no surrogate), no control character,
     * no {@code ::}, only two-character escapes other than {@code \\u}, and no backslash directly
     * before a {@code u}: the index after its closing quote, or -1. Eight bytes at a time while
     * none of them is a quote, a backslash, a colon, a control character or a non-ASCII byte.
     */
    private static int text(byte[] b, int i, int to) {
        if (i >= to || b[i] != '"') {
            return -1;
        }
        int k = i + 1;
        while (true) {
            for (; k <= to - Long.BYTES; k += Long.BYTES) {
                long v = (long) LONGS.get(b, k);
                // per byte: below 0x20, a quote, a backslash, a colon, or 0x80 and above; the
                // lowest
                // flag of each term is exact, so the lowest of all is the first such byte
                long flags =
                        ((v - SPACES) & ~v & HIGHS)
                                | zeroBytes(v ^ QUOTES)
                                | zeroBytes(v ^ BACKSLASHES)
                                | zeroBytes(v ^ COLONS)
                                | (v & HIGHS);
                if (flags != 0) {
                    k += firstFlaggedByte(flags);
                    break;
                }
            }
            if (k >= to) {
                return -1;
            }
            int c = b[k] & 0xFF;
            if (c == '"') {
                return k + 1;
            } else if (c == '\\') {
                // an escaped backslash before a 'u' still forms the byte pair that the Jackson
                // path reads whole (LineSkimmer.mustReadWhole): left to it, so both agree
                if (k + 1 >= to
                        || !simpleEscape(b[k + 1])
                        || (b[k + 1] == '\\' && k + 2 < to && b[k + 2] == 'u')) {
                    return -1;
                }
                k += 2;
            } else if (c == ':') {
                if (k + 1 < to && b[k + 1] == ':') {
                    return -1;
                }
                k++;
            } else if (c < 0x20) {
                return -1;
            } else if (c < 0x80) {
                k++;
            } else {
                int n = utf8Length(b, k, to);
                if (n < 0) {
                    return -1;
                }
                k += n;
            }
        }
    }

    /**
     * The index (0–7) of the lowest byte whose high bit {@code flags} sets (only high bits set).
     * {@code Long.numberOfTrailingZeros} is a call in C1's code, which the daemon runs: here the
     * lowest flag, shifted to bit 0 of its byte, multiplies a constant whose byte {@code 7 - j}
     * holds {@code j}, so the product's top byte is the index.
     */
    static int firstFlaggedByte(long flags) {
        return (int) ((((flags & -flags) >>> 7) * 0x0001_0203_0405_0607L) >>> 56);
    }

    private static boolean simpleEscape(byte e) {
        return switch (e) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> true;
            default -> false;
        };
    }

    /**
     * The length of the well-formed UTF-8 sequence of a non-ASCII character at {@code k}, or -1:
     * overlong forms, surrogates and code points above U+10FFFF are not well-formed.
     */
    private static int utf8Length(byte[] b, int k, int to) {
        int c = b[k] & 0xFF;
        if (c >= 0xC2 && c <= 0xDF) {
            return k + 1 < to && continuation(b[k + 1]) ? 2 : -1;
        }
        if (c >= 0xE0 && c <= 0xEF) {
            if (k + 2 >= to) {
                return -1;
            }
            int lo = c == 0xE0 ? 0xA0 : 0x80;
            int hi = c == 0xED ? 0x9F : 0xBF;
            int s = b[k + 1] & 0xFF;
            return s >= lo && s <= hi && continuation(b[k + 2]) ? 3 : -1;
        }
        if (c >= 0xF0 && c <= 0xF4) {
            if (k + 3 >= to) {
                return -1;
            }
            int lo = c == 0xF0 ? 0x90 : 0x80;
            int hi = c == 0xF4 ? 0x8F : 0xBF;
            int s = b[k + 1] & 0xFF;
            return s >= lo && s <= hi && continuation(b[k + 2]) && continuation(b[k + 3]) ? 4 : -1;
        }
        return -1;
    }

    private static boolean continuation(byte x) {
        return (x & 0xC0) == 0x80;
    }

    /** The high bit of each zero byte of {@code v} (and perhaps of bytes above the lowest one). */
    private static long zeroBytes(long v) {
        return (v - ONES) & ~v & HIGHS;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

package dev.kato.vault;

import dev.kato.event.EventKind;
import dev.kato.event.Provider;
import dev.kato.event.UtcTimestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fast path of {@link LineSkimmer}: one pass over a skimmable line in exactly the compact form
 * the canonical renderer writes. No whitespace, the canonical key order, header strings of
 * printable ASCII without escapes, and texts of well-formed UTF-8 with only the two-character
 * escapes. The strings are checked by {@link CompactStrings}, texts a word at a time.
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
            int e = CompactStrings.plain(b, at, to);
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
            int e = CompactStrings.text(b, at, to);
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

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

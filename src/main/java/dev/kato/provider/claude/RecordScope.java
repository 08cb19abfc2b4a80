package dev.kato.provider.claude;

import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.event.UtcTimestamps;
import dev.kato.json.JsonValue;
import dev.kato.provider.FileRole;
import dev.kato.provider.ParseContext;
import dev.kato.provider.RawLine;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The envelope of one Claude record, shared by every event the record yields.
 *
 * @param nativeId the record's {@code uuid}, or the content hash of its line when it has none
 * @param sessionId the record's {@code sessionId}, or the file stem
 * @param timestamp the record's own time; null when absent or unreadable
 * @param type the record's top-level {@code type}
 * @param turnId see {@link ClaudeRecordParser}
 * @param agentId the sub-agent id for sub-agent transcripts; null for main files
 */
record RecordScope(
        String nativeId,
        String sessionId,
        @Nullable Instant timestamp,
        String type,
        @Nullable String turnId,
        @Nullable String agentId) {

    /** Ids longer than this are not trusted as identities; the line hash is used instead. */
    private static final int MAX_ID_CHARS = 256;

    static RecordScope of(
            JsonValue record,
            RawLine line,
            ParseContext ctx,
            String type,
            @Nullable String turnId) {
        String uuid = saneId(record.get("uuid"));
        String session = saneId(record.get("sessionId"));
        return new RecordScope(
                uuid != null ? uuid : line.contentHash(),
                session != null ? session : ctx.fileStem(),
                parseTimestamp(record.get("timestamp")),
                type,
                turnId,
                ctx.role() == FileRole.SUB_AGENT ? subAgentId(record, ctx) : null);
    }

    /** The record's {@code uuid} when it is a usable identity, else null. */
    static @Nullable String uuidOrNull(JsonValue record) {
        return saneId(record.get("uuid"));
    }

    /** A non-blank string of at most {@value #MAX_ID_CHARS} characters, else null. */
    static @Nullable String saneId(JsonValue value) {
        String s = value.stringOrNull();
        return s == null || s.isBlank() || s.length() > MAX_ID_CHARS ? null : s;
    }

    EventMeta meta(EventId id) {
        return new EventMeta(
                id, Provider.CLAUDE, sessionId, timestamp, turnId, type, nativeId, agentId);
    }

    boolean fromSubAgent() {
        return agentId != null;
    }

    private static String subAgentId(JsonValue record, ParseContext ctx) {
        String fromRecord = saneId(record.get("agentId"));
        if (fromRecord != null) {
            return fromRecord;
        }
        String fromContext = ctx.agentId();
        if (fromContext != null && !fromContext.isBlank()) {
            return fromContext;
        }
        String stem = ctx.fileStem();
        return stem.startsWith("agent-") && stem.length() > 6 ? stem.substring(6) : stem;
    }

    private static @Nullable Instant parseTimestamp(JsonValue value) {
        String text = value.stringOrNull();
        if (text == null) {
            return null;
        }
        try {
            return UtcTimestamps.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

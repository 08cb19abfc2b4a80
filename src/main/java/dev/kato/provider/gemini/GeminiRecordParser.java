package dev.kato.provider.gemini;

import static java.util.Objects.requireNonNull;

import dev.kato.json.JsonValue;
import dev.kato.provider.Anomaly;
import dev.kato.provider.AnomalyKind;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParseSink;
import dev.kato.provider.RawLine;
import dev.kato.provider.RecordParser;
import org.jspecify.annotations.Nullable;

/**
 * The records of a Gemini {@code session-*.jsonl} log: a metadata row, message rows re-appended
 * whenever they change (the last copy wins; only what changed is emitted), {@code $set} rows
 * (title, history rewrite) and {@code $rewindTo} rows.
 *
 * <p>The session id comes from the first record when it is the metadata row, else from the file
 * name; it never changes afterwards, so all ids of one file agree.
 */
final class GeminiRecordParser implements RecordParser {
    private final ParseContext ctx;
    private final SessionDiff diff = new SessionDiff();
    private @Nullable SessionFacts facts;

    GeminiRecordParser(ParseContext ctx) {
        this.ctx = requireNonNull(ctx, "ctx");
    }

    @Override
    public void onRecord(JsonValue record, RawLine line, ParseSink sink) {
        long offset = line.startOffset();
        if (record.get("$rewindTo").isString()) {
            diff.rewind(facts(null), record.get("$rewindTo").stringOr(""), sink);
        } else if (record.get("id").isString()) {
            diff.message(facts(null), record, false, offset, sink);
        } else if (record.get("$set").isObject()) {
            onSet(record.get("$set"), offset, sink);
        } else if (record.get("sessionId").isString()) {
            onMetadata(record, offset, sink);
        } else {
            sink.anomaly(new Anomaly(AnomalyKind.UNEXPECTED_SHAPE, offset, "unrecognised record"));
        }
    }

    /** The metadata row: fixes the session identity when it comes first; may carry a title. */
    private void onMetadata(JsonValue record, long offset, ParseSink sink) {
        SessionFacts known = facts;
        SessionFacts current = facts(record);
        if (known != null && !known.sessionId().equals(record.get("sessionId").stringOr(""))) {
            sink.anomaly(
                    new Anomaly(
                            AnomalyKind.UNEXPECTED_SHAPE,
                            offset,
                            "metadata row with a different sessionId ignored"));
            return;
        }
        String summary = record.get("summary").stringOrNull();
        if (summary != null && !summary.isBlank()) {
            diff.title(
                    current,
                    summary,
                    GeminiContent.instant(record.get("lastUpdated")),
                    "session",
                    sink);
        }
    }

    /** {@code $set}: a new title, and/or a rewrite of the whole history. */
    private void onSet(JsonValue set, long offset, ParseSink sink) {
        SessionFacts current = facts(null);
        String summary = set.get("summary").stringOrNull();
        if (summary != null && !summary.isBlank()) {
            diff.title(
                    current, summary, GeminiContent.instant(set.get("lastUpdated")), "$set", sink);
        }
        JsonValue messages = set.get("messages");
        if (messages.isArray()) {
            for (JsonValue message : messages.elements()) {
                diff.message(current, message, true, offset, sink);
            }
        } else if (!messages.isMissing()) {
            sink.anomaly(
                    new Anomaly(
                            AnomalyKind.UNEXPECTED_SHAPE, offset, "$set.messages is not an array"));
        }
    }

    /** The session facts, fixed by the first record (from {@code metadata} when it is one). */
    private SessionFacts facts(@Nullable JsonValue metadata) {
        SessionFacts known = facts;
        if (known != null) {
            return known;
        }
        SessionFacts created =
                metadata == null
                        ? SessionFacts.of(ctx, null, null)
                        : SessionFacts.of(
                                ctx,
                                metadata.get("sessionId").stringOrNull(),
                                metadata.get("kind").stringOrNull());
        facts = created;
        return created;
    }
}

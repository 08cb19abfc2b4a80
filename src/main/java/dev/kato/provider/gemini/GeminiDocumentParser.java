package dev.kato.provider.gemini;

import static java.util.Objects.requireNonNull;

import dev.kato.json.JsonLimits;
import dev.kato.json.JsonTreeReader;
import dev.kato.json.JsonValue;
import dev.kato.json.MalformedJsonException;
import dev.kato.provider.Anomaly;
import dev.kato.provider.AnomalyKind;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParseSink;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The legacy Gemini {@code session-*.json} document, which the CLI rewrites in place. The caller
 * feeds each snapshot of the file whole and then calls {@link #endOfInput}; the snapshot is parsed,
 * diffed against what earlier snapshots emitted, and forgotten.
 *
 * <p>A snapshot that does not parse, or is not a JSON object (caught mid-rewrite), yields one
 * {@link AnomalyKind#INCOMPLETE_DOCUMENT} anomaly and nothing else; the next snapshot is tried
 * afresh. A snapshot over {@link ParserLimits#maxDocumentBytes()} is dropped, with one {@link
 * AnomalyKind#LINE_TOO_LONG} anomaly, without being buffered. The session id and kind are taken
 * from the first snapshot that parses.
 */
final class GeminiDocumentParser implements SessionParser {
    /** Keep at most this much buffer capacity between snapshots. */
    private static final int RETAINED_CAPACITY = 1 << 20;

    private final ParseContext ctx;
    private final long maxBytes;
    private final JsonTreeReader reader;
    private final SessionDiff diff = new SessionDiff();
    private @Nullable SessionFacts facts;

    private byte[] buffer = new byte[0];
    private int length;
    private boolean oversized;

    GeminiDocumentParser(ParseContext ctx, ParserLimits limits) {
        this.ctx = requireNonNull(ctx, "ctx");
        this.maxBytes = Math.min(limits.maxDocumentBytes(), Integer.MAX_VALUE - 16);
        JsonLimits json = limits.json();
        this.reader =
                new JsonTreeReader(
                        new JsonLimits(
                                json.maxNestingDepth(),
                                json.maxStringLength(),
                                Math.max(json.maxDocumentLength(), maxBytes)));
    }

    @Override
    public void feed(byte[] buf, int off, int len, ParseSink sink) {
        if (oversized || len <= 0) {
            return;
        }
        long needed = (long) length + len;
        if (needed > maxBytes) {
            oversized = true;
            clear();
            sink.anomaly(
                    new Anomaly(
                            AnomalyKind.LINE_TOO_LONG, -1, "document over " + maxBytes + " bytes"));
            return;
        }
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(needed, 2L * length)));
        }
        System.arraycopy(buf, off, buffer, length, len);
        length = (int) needed;
    }

    @Override
    public void endOfInput(ParseSink sink) {
        if (oversized || length == 0) {
            oversized = false;
            return;
        }
        JsonValue document;
        try {
            document = reader.read(buffer, 0, length);
        } catch (MalformedJsonException e) {
            sink.anomaly(new Anomaly(AnomalyKind.INCOMPLETE_DOCUMENT, -1, e.getMessage()));
            return;
        } finally {
            clear();
        }
        if (!document.isObject()) {
            // A session document is always an object: anything else is a fragment of a rewrite.
            sink.anomaly(
                    new Anomaly(
                            AnomalyKind.INCOMPLETE_DOCUMENT, -1, "document is not a JSON object"));
            return;
        }
        emitSnapshot(document, sink);
    }

    @Override
    public long committedOffset() {
        return 0;
    }

    private void emitSnapshot(JsonValue document, ParseSink sink) {
        SessionFacts session = facts(document);
        String summary = document.get("summary").stringOrNull();
        if (summary != null && !summary.isBlank()) {
            diff.title(
                    session,
                    summary,
                    GeminiContent.instant(document.get("lastUpdated")),
                    "session",
                    sink);
        }
        JsonValue messages = document.get("messages");
        if (!messages.isArray() && !messages.isMissing()) {
            sink.anomaly(new Anomaly(AnomalyKind.UNEXPECTED_SHAPE, -1, "messages is not an array"));
        }
        for (JsonValue message : messages.elements()) {
            try {
                diff.message(session, message, false, -1, sink);
            } catch (RuntimeException e) {
                // As in JsonlSessionParser: one odd message must not take the session down.
                sink.anomaly(
                        new Anomaly(
                                AnomalyKind.UNEXPECTED_SHAPE,
                                -1,
                                "message rejected: " + e.getClass().getSimpleName()));
            }
        }
    }

    /** The session facts, fixed by the first snapshot that parsed, so ids never drift. */
    private SessionFacts facts(JsonValue document) {
        SessionFacts known = facts;
        if (known != null) {
            return known;
        }
        SessionFacts created =
                SessionFacts.of(
                        ctx,
                        document.get("sessionId").stringOrNull(),
                        document.get("kind").stringOrNull());
        facts = created;
        return created;
    }

    private void clear() {
        length = 0;
        if (buffer.length > RETAINED_CAPACITY) {
            buffer = new byte[0];
        }
    }
}

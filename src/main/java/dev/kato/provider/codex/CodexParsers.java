package dev.kato.provider.codex;

import static java.util.Objects.requireNonNull;

import dev.kato.event.ConversationEvent;
import dev.kato.provider.Anomaly;
import dev.kato.provider.JsonlSessionParser;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParseSink;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;

/** Creates parsers for Codex rollout files ({@code rollout-…-<uuid>.jsonl}). */
public final class CodexParsers {
    private CodexParsers() {}

    /** A parser for one rollout file, fed from its first byte (or resumed with no prior state). */
    public static SessionParser create(ParseContext ctx, ParserLimits limits) {
        requireNonNull(ctx, "ctx");
        requireNonNull(limits, "limits");
        return new JsonlSessionParser(limits, new CodexRecordParser(ctx, limits.json()));
    }

    /**
     * A parser that resumes at a cursor without losing state: feed it the file <em>from byte
     * 0</em>. It rebuilds what earlier lines established (session, source, model, turn, open {@code
     * request_user_input} questions, assistant-text twins) without reporting anything for lines
     * that start before {@code resumeOffset}, and reports events and anomalies only from there on.
     * Costs one re-read of the prefix per resume.
     */
    public static SessionParser createResumed(
            ParseContext ctx, ParserLimits limits, long resumeOffset) {
        requireNonNull(ctx, "ctx");
        requireNonNull(limits, "limits");
        if (resumeOffset < 0) {
            throw new IllegalArgumentException("resumeOffset must be >= 0, was " + resumeOffset);
        }
        SessionParser inner =
                new JsonlSessionParser(
                        limits, new CodexRecordParser(ctx, limits.json(), resumeOffset));
        return new PrefixMutingParser(inner, resumeOffset);
    }

    /** Drops the framing anomalies of the replayed prefix; the record parser mutes its events. */
    private record PrefixMutingParser(SessionParser inner, long resumeOffset)
            implements SessionParser {
        @Override
        public void feed(byte[] buf, int off, int len, ParseSink sink) {
            inner.feed(buf, off, len, muted(sink));
        }

        @Override
        public void endOfInput(ParseSink sink) {
            inner.endOfInput(muted(sink));
        }

        @Override
        public long committedOffset() {
            return inner.committedOffset();
        }

        @Override
        public boolean dropPartialLine() {
            return inner.dropPartialLine();
        }

        private ParseSink muted(ParseSink sink) {
            return new ParseSink() {
                @Override
                public void event(ConversationEvent event) {
                    sink.event(event);
                }

                @Override
                public void anomaly(Anomaly anomaly) {
                    if (anomaly.offset() >= resumeOffset) {
                        sink.anomaly(anomaly);
                    }
                }
            };
        }
    }
}

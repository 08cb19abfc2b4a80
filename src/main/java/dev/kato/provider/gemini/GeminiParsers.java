package dev.kato.provider.gemini;

import static java.util.Objects.requireNonNull;

import dev.kato.event.Provider;
import dev.kato.provider.JsonlSessionParser;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;

/**
 * Creates the parser for one Gemini CLI session file: the JSONL parser for {@code *.jsonl}, the
 * whole-document parser for anything else (the legacy {@code session-*.json}).
 *
 * <p>The JSONL parser needs the file from its start: it remembers which messages it has emitted in
 * order to emit only what changed in a re-appended copy. The document parser expects each snapshot
 * of the file fed whole, followed by {@link SessionParser#endOfInput}.
 */
public final class GeminiParsers {
    private GeminiParsers() {}

    public static SessionParser create(ParseContext ctx, ParserLimits limits) {
        requireNonNull(ctx, "ctx");
        requireNonNull(limits, "limits");
        if (ctx.provider() != Provider.GEMINI) {
            throw new IllegalArgumentException("not a Gemini context: " + ctx.provider().id());
        }
        if (ctx.fileName().endsWith(".jsonl")) {
            return new JsonlSessionParser(limits, new GeminiRecordParser(ctx));
        }
        return new GeminiDocumentParser(ctx, limits);
    }
}

package dev.kato.ingest;

import dev.kato.provider.ParseContext;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;
import dev.kato.provider.claude.ClaudeParsers;
import dev.kato.provider.codex.CodexParsers;
import dev.kato.provider.gemini.GeminiParsers;

/** Picks the parser for a session file by provider (and, for Gemini, by extension). */
public final class SessionParsers {
    private SessionParsers() {}

    public static SessionParser create(ParseContext context, ParserLimits limits) {
        return switch (context.provider()) {
            case CLAUDE -> ClaudeParsers.create(context, limits);
            case CODEX -> CodexParsers.create(context, limits);
            case GEMINI -> GeminiParsers.create(context, limits);
        };
    }
}

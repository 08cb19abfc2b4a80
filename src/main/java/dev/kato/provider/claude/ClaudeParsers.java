package dev.kato.provider.claude;

import dev.kato.provider.JsonlSessionParser;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;

/** Creates parsers for Claude Code session files. */
public final class ClaudeParsers {
    private ClaudeParsers() {}

    /**
     * A fresh parser for one Claude Code session file.
     *
     * @param ctx what the caller knows about the file (name, main or sub-agent transcript)
     * @param limits line and JSON limits
     */
    public static SessionParser create(ParseContext ctx, ParserLimits limits) {
        return new JsonlSessionParser(limits, new ClaudeRecordParser(ctx));
    }
}

package dev.kato.provider.codex;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.event.UserMessage;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.ParserRuns;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** Test shortcuts for running the Codex parser. */
final class CodexRuns {
    private CodexRuns() {}

    static Supplier<SessionParser> parsers(String fileName) {
        return parsers(fileName, false);
    }

    /** With {@code keepSpelling}, as a provider worker parses: long texts kept as their bytes. */
    static Supplier<SessionParser> parsers(String fileName, boolean keepSpelling) {
        ParseContext ctx = ParseContext.main(Provider.CODEX, fileName);
        ParserLimits limits =
                keepSpelling ? ParserLimits.DEFAULT.keepingTextSpelling() : ParserLimits.DEFAULT;
        return () -> CodexParsers.create(ctx, limits);
    }

    static CollectingSink parse(String fileName, byte[] bytes) {
        return ParserRuns.whole(parsers(fileName), bytes);
    }

    /** Parses JSONL given as lines (each gets a {@code \n}). */
    static CollectingSink parseLines(String fileName, String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return parse(fileName, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static <T extends ConversationEvent> List<T> only(CollectingSink sink, Class<T> type) {
        return sink.events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<UserMessage> users(CollectingSink sink) {
        return only(sink, UserMessage.class);
    }
}

package dev.kato.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.event.UserMessage;
import dev.kato.provider.FileRole;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.ParserRuns;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Runs the Claude parser over test input. */
final class ClaudeRuns {
    /** Cases whose name starts with this are parsed as sub-agent transcripts. */
    static final String SUB_AGENT_CASE_PREFIX = "subagent-";

    static final String SUB_AGENT_CONTEXT_ID = "ctx-agent-id";

    private ClaudeRuns() {}

    static ParseContext main(String fileName) {
        return ParseContext.main(Provider.CLAUDE, fileName);
    }

    static ParseContext subAgent(String fileName, @Nullable String agentId) {
        return new ParseContext(Provider.CLAUDE, fileName, FileRole.SUB_AGENT, agentId);
    }

    /** The context a golden case is parsed with, chosen by its name. */
    static ParseContext forCase(String caseName) {
        return caseName.startsWith(SUB_AGENT_CASE_PREFIX)
                ? subAgent("agent-a1b2c3.jsonl", SUB_AGENT_CONTEXT_ID)
                : main(caseName + ".jsonl");
    }

    static Supplier<SessionParser> parsers(ParseContext ctx) {
        return parsers(ctx, false);
    }

    /** With {@code keepSpelling}, as a provider worker parses: long texts kept as their bytes. */
    static Supplier<SessionParser> parsers(ParseContext ctx, boolean keepSpelling) {
        ParserLimits limits =
                keepSpelling ? ParserLimits.DEFAULT.keepingTextSpelling() : ParserLimits.DEFAULT;
        return () -> ClaudeParsers.create(ctx, limits);
    }

    static CollectingSink parse(ParseContext ctx, byte[] bytes) {
        return ParserRuns.whole(parsers(ctx), bytes);
    }

    /** Parses JSONL lines (a newline is added after each) as a main session file. */
    static List<ConversationEvent> parseLines(String... lines) {
        return parseLines(main("session.jsonl"), lines);
    }

    static List<ConversationEvent> parseLines(ParseContext ctx, String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        CollectingSink sink = parse(ctx, sb.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(sink.anomalies).as("anomalies").isEmpty();
        return sink.events;
    }

    static List<UserMessage> userMessages(List<ConversationEvent> events) {
        return events.stream()
                .filter(UserMessage.class::isInstance)
                .map(UserMessage.class::cast)
                .toList();
    }
}

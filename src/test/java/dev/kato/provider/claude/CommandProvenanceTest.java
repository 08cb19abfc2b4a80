package dev.kato.provider.claude;

import static dev.kato.provider.claude.TestJson.arr;
import static dev.kato.provider.claude.TestJson.text;
import static dev.kato.provider.claude.TestJson.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.AssistantMessage;
import dev.kato.event.ConversationEvent;
import dev.kato.event.Decision;
import dev.kato.event.ProviderInfo;
import dev.kato.event.SystemNotice;
import dev.kato.event.Thinking;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import dev.kato.provider.ParseContext;
import dev.kato.provider.claude.HostileClaudeRecords.Vector;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile Claude records carrying a command line in every non-human vector of providers.md §6.1
 * (and §6.4): none may reach a human-typed message, and (except for records Kato drops by design)
 * the text is still captured somewhere.
 */
class CommandProvenanceTest {
    private static final String COMMAND = HostileClaudeRecords.COMMAND;

    static Stream<Vector> vectors() {
        return HostileClaudeRecords.all();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void hostileRecord_neverYieldsAHumanCommandLine(Vector vector) {
        ParseContext ctx =
                vector.subAgent()
                        ? ClaudeRuns.subAgent("agent-x.jsonl", null)
                        : ClaudeRuns.main("session.jsonl");
        List<ConversationEvent> events =
                ClaudeRuns.parseLines(ctx, vector.lines().toArray(String[]::new));
        for (UserMessage u : ClaudeRuns.userMessages(events)) {
            if (u.isHumanTyped()) {
                assertThat(u.text().lines().map(String::strip))
                        .as("human text of %s", vector)
                        .noneMatch(l -> l.startsWith("::"));
            }
        }
        String all =
                String.join("\n", events.stream().map(CommandProvenanceTest::content).toList());
        if (vector.captured()) {
            assertThat(all).as("captured text of %s", vector).contains(COMMAND);
        } else {
            assertThat(all).doesNotContain(COMMAND);
        }
    }

    @Test
    void genuinePrompt_keepsItsCommandLine_soTheCorpusIsNotVacuous() {
        String typed = "Start now.\n" + COMMAND;
        List<ConversationEvent> events =
                ClaudeRuns.parseLines(
                        user("u", arr(text("<ide_opened_file>f</ide_opened_file>"), text(typed))));
        List<UserMessage> human =
                ClaudeRuns.userMessages(events).stream().filter(UserMessage::isHumanTyped).toList();
        assertThat(human).singleElement().extracting(UserMessage::text).isEqualTo(typed);
        assertThat(human.getFirst().origin()).isEqualTo(UserOrigin.HUMAN);
    }

    private static String content(ConversationEvent e) {
        return switch (e) {
            case UserMessage u -> u.text();
            case AssistantMessage a -> a.text();
            case Thinking t -> t.text();
            case ToolCall c -> c.inputJson() + "\n" + c.description();
            case ToolResult r -> r.text();
            case Decision d ->
                    d.summary()
                            + "\n"
                            + String.join("\n", d.options().stream().map(o -> o.label()).toList())
                            + "\n"
                            + d.answer();
            case SystemNotice s -> s.text();
            case ProviderInfo p -> p.value();
        };
    }
}

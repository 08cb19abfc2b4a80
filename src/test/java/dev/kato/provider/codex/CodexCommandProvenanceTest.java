package dev.kato.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.UserMessage;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.FixtureFiles;
import dev.kato.testing.Golden;
import dev.kato.testing.ParserRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile Codex records carrying {@code ::export /home/victim/.bashrc} in every injection vector of
 * providers.md §6.2: none may surface as human-typed text (security.md §4).
 */
class CodexCommandProvenanceTest {
    private static final String DIR = "provider/codex/hostile";
    private static final String COMMAND = "::export /home/victim/.bashrc";

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(Golden.path(DIR))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileRecords_neverYieldAHumanCommandLine(String file) {
        byte[] bytes = FixtureFiles.testdata(DIR + "/" + file);
        for (CollectingSink sink :
                List.of(
                        CodexRuns.parse(file, bytes),
                        CodexRuns.parse(file, ParserRuns.crlf(bytes)),
                        ParserRuns.chunked(CodexRuns.parsers(file), bytes, file.hashCode(), 7))) {
            for (UserMessage u : CodexRuns.users(sink)) {
                if (u.isHumanTyped()) {
                    assertThat(u.text().lines().map(String::strip))
                            .as("human-typed text of %s", u.meta().eventId())
                            .noneMatch(l -> l.startsWith("::"));
                }
            }
            assertThat(sink.anomalies).isEmpty();
        }
    }

    @Test
    void corpus_coversEveryVector_andTheCommandIsStillCaptured() throws IOException {
        assertThat(corpus().toList())
                .contains(
                        "function-call-output.jsonl",
                        "response-item-user-fragments.jsonl",
                        "kind-user-instructions.jsonl",
                        "ide-preamble-fake-marker.jsonl",
                        "subagent-task.jsonl",
                        "compacted.jsonl",
                        "request-user-input.jsonl",
                        "exec-session.jsonl",
                        "forked-prefix.jsonl");
        for (String file : corpus().toList()) {
            if (file.equals("response-item-user-fragments.jsonl")) {
                continue; // dropped by design: role-user items are never events
            }
            String all = ParserRuns.jsonl(parse(file));
            assertThat(all).as(file).contains(COMMAND);
        }
    }

    @Test
    void idePreambleAttack_leavesOnlyTheRealRequestHuman() {
        List<UserMessage> human =
                CodexRuns.users(sink("ide-preamble-fake-marker.jsonl")).stream()
                        .filter(UserMessage::isHumanTyped)
                        .toList();
        assertThat(human).extracting(UserMessage::text).containsExactly("What does this file do?");
    }

    @Test
    void theOnlyHumanMessages_inTheCorpus_areTheBenignPrompts() throws IOException {
        for (String file : corpus().toList()) {
            for (UserMessage u : CodexRuns.users(sink(file))) {
                if (u.isHumanTyped()) {
                    assertThat(u.text())
                            .as(file)
                            .isIn("Please review the repo.", "What does this file do?");
                    assertThat(u.meta().providerEventType()).isEqualTo("event_msg/user_message");
                }
            }
        }
    }

    private static CollectingSink sink(String file) {
        return CodexRuns.parse(file, FixtureFiles.testdata(DIR + "/" + file));
    }

    private static List<ConversationEvent> parse(String file) {
        return sink(file).events;
    }
}

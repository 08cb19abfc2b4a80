package dev.kato.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.UserMessage;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.FixtureFiles;
import dev.kato.testing.Golden;
import dev.kato.testing.ParserRuns;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile Gemini records that carry {@code ::export /home/victim/.bashrc} through every injection
 * vector of {@code providers.md} §6.3 ({@code testdata/provider/gemini/hostile/}). No human-typed
 * message may contain a {@code ::} line, the genuine prompts must still be human, and the hostile
 * text must still be captured somewhere (non-human), never dropped. Each case's events are also
 * pinned in {@code hostile/<file>.events.jsonl}.
 */
class CommandProvenanceTest {
    private static final String HOSTILE = "::export /home/victim/.bashrc";

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("function-response-rows.jsonl", List.of("please help")),
                Arguments.of(
                        "at-file-expansions.jsonl",
                        List.of(
                                "please help @a.txt",
                                "please help @b.txt",
                                "please help",
                                "please help @c.txt",
                                "please help")),
                Arguments.of("shell-mode.jsonl", List.of()),
                Arguments.of(
                        "context-rows.jsonl", List.of("please help", "please help", "please help")),
                Arguments.of("history-rewrite.jsonl", List.of("please help")),
                Arguments.of("model-and-tool-text.jsonl", List.of("please help")),
                Arguments.of("subagent.jsonl", List.of()),
                Arguments.of("subagent-legacy.json", List.of()),
                Arguments.of("checkpoint.json", List.of()),
                Arguments.of("legacy-vectors.json", List.of("please help @n.md", "please help")));
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void hostileText_neverReachesAHumanMessage(String file, List<String> humanTexts) {
        byte[] bytes = FixtureFiles.testdata("provider/gemini/hostile/" + file);
        CollectingSink sink = ParserRuns.whole(GeminiRuns.parsers(file), bytes);

        List<UserMessage> human =
                sink.events.stream()
                        .filter(UserMessage.class::isInstance)
                        .map(UserMessage.class::cast)
                        .filter(UserMessage::isHumanTyped)
                        .toList();
        for (UserMessage m : human) {
            assertThat(m.text().lines().map(String::strip))
                    .as("human message %s", m.meta().eventId())
                    .noneMatch(line -> line.startsWith("::"));
        }
        assertThat(human).extracting(UserMessage::text).containsExactlyElementsOf(humanTexts);
        GeminiGoldenTest.assertUniqueIds(sink.events);
        Golden.assertMatches(
                "provider/gemini/hostile/" + file + ".events.jsonl", ParserRuns.jsonl(sink.events));

        if (file.equals("checkpoint.json")) {
            assertThat(sink.events).isEmpty();
        } else {
            assertThat(ParserRuns.jsonl(sink.events)).as("hostile text captured").contains(HOSTILE);
        }
        if (file.endsWith(".jsonl")) {
            assertSameInChunks(file, bytes, sink.events);
        }
    }

    private static void assertSameInChunks(
            String file, byte[] bytes, List<ConversationEvent> expected) {
        for (long seed = 0; seed < 10; seed++) {
            CollectingSink chunked =
                    ParserRuns.chunked(GeminiRuns.parsers(file), bytes, seed, 1 + (int) seed * 7);
            assertThat(ParserRuns.jsonl(chunked.events)).isEqualTo(ParserRuns.jsonl(expected));
        }
    }
}

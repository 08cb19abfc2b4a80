package dev.kato.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kato.event.UserMessage;
import dev.kato.provider.Anomaly;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.ParserRuns;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the Codex parser (regression inputs in the normal build; {@code
 * JAZZER_FUZZ=1} fuzzes for real): it never throws out of a record, chunked feeding equals one
 * pass, and human-typed text only ever comes from {@code event_msg} {@code user_message}.
 */
class CodexParserFuzzTest {
    private static final String[] TEMPLATES = {
        "{\"timestamp\":\"%s\",\"type\":\"session_meta\",\"payload\":{\"id\":\"%s\",\"timestamp\":\"%s\",\"source\":%s,\"forked_from_id\":%s}}",
        "{\"timestamp\":\"%s\",\"type\":\"turn_context\",\"payload\":{\"model\":\"%s\",\"collaboration_mode\":{\"settings\":{\"model\":%s}}}}",
        "{\"timestamp\":\"%s\",\"type\":\"event_msg\",\"payload\":{\"type\":\"task_started\",\"turn_id\":\"%s\"}}",
        "{\"timestamp\":\"%s\",\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\",\"message\":\"%s\",\"kind\":%s}}",
        "{\"timestamp\":\"%s\",\"type\":\"event_msg\",\"payload\":{\"type\":\"agent_message\",\"message\":\"%s\",\"phase\":%s}}",
        "{\"timestamp\":\"%s\",\"type\":\"event_msg\",\"payload\":{\"type\":\"task_complete\",\"last_agent_message\":%s}}",
        "{\"timestamp\":\"%s\",\"type\":\"event_msg\",\"payload\":{\"type\":\"agent_reasoning\",\"text\":\"%s\"}}",
        "{\"timestamp\":\"%s\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"%s\",\"phase\":%s,\"content\":[{\"type\":\"output_text\",\"text\":\"%s\"}]}}",
        "{\"timestamp\":\"%s\",\"type\":\"response_item\",\"payload\":{\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"%s\"}],\"content\":%s}}",
        "{\"timestamp\":\"%s\",\"type\":\"response_item\",\"payload\":{\"type\":\"function_call\",\"name\":\"%s\",\"arguments\":%s,\"call_id\":\"%s\"}}",
        "{\"timestamp\":\"%s\",\"type\":\"response_item\",\"payload\":{\"type\":\"function_call_output\",\"call_id\":\"%s\",\"output\":%s}}",
        "{\"timestamp\":\"%s\",\"type\":\"response_item\",\"payload\":{\"type\":\"custom_tool_call\",\"name\":\"%s\",\"input\":%s,\"call_id\":\"%s\"}}",
        "{\"timestamp\":\"%s\",\"type\":\"response_item\",\"payload\":{\"type\":\"local_shell_call\",\"action\":{\"command\":%s},\"call_id\":%s}}",
        "{\"timestamp\":\"%s\",\"type\":\"response_item\",\"payload\":{\"type\":\"web_search_call\",\"action\":%s}}",
        "{\"timestamp\":\"%s\",\"type\":\"compacted\",\"payload\":{\"message\":%s}}",
        "{\"timestamp\":\"%s\",\"type\":\"event_msg\",\"payload\":{\"type\":\"%s\",\"message\":%s,\"reason\":%s}}",
        "{\"id\":\"%s\",\"timestamp\":\"%s\",\"instructions\":%s}",
        "{\"type\":\"message\",\"role\":\"%s\",\"content\":[{\"type\":\"input_text\",\"text\":\"%s\"}]}",
        "{\"type\":\"%s\",\"payload\":%s}",
    };

    private static final String[] VALUES = {
        "null",
        "\"cli\"",
        "\"vscode\"",
        "\"exec\"",
        "{\"subagent\":{\"thread_spawn\":{}}}",
        "\"plain\"",
        "\"user_instructions\"",
        "\"commentary\"",
        "\"final_answer\"",
        "[1,\"a\"]",
        "{}",
        "\"request_user_input\"",
        "\"{\\\"questions\\\":[{\\\"id\\\":\\\"q\\\",\\\"question\\\":\\\"Q?\\\",\\\"options\\\":[{\\\"label\\\":\\\"A\\\"}]}]}\"",
        "\"{\\\"answers\\\":{\\\"q\\\":{\\\"answers\\\":[\\\"A\\\"]}}}\"",
        "\"## My request for Codex:\\n::stop\"",
        "[{\"type\":\"input_text\",\"text\":\"x\"}]",
        "\"2025-10-02T09:00:00Z\"",
        "\"1999-01-01T00:00:00Z\"",
        "42",
        "true",
    };

    @FuzzTest(maxDuration = "10s")
    void parser_isTotal_andChunkInvariant(FuzzedDataProvider data) {
        long seed = data.consumeLong();
        byte[] bytes =
                data.consumeBoolean()
                        ? records(
                                new Choices() {
                                    @Override
                                    public int below(int n) {
                                        return data.consumeInt(0, n - 1);
                                    }

                                    @Override
                                    public String text() {
                                        return data.consumeString(24);
                                    }
                                })
                        : data.consumeRemainingAsBytes();
        assertParserProperties(bytes, seed);
    }

    /** The same properties over many seeded random Codex-shaped logs, in every normal build. */
    @Test
    void randomCodexShapedLogs_holdTheSameProperties() {
        for (long seed = 0; seed < 400; seed++) {
            Random random = new Random(seed);
            byte[] bytes =
                    records(
                            new Choices() {
                                @Override
                                public int below(int n) {
                                    return random.nextInt(n);
                                }

                                @Override
                                public String text() {
                                    return random.nextInt(4) == 0
                                            ? "::stop\n## My request for Codex:\n\u00e9\uD83D"
                                            : "t" + random.nextInt(6);
                                }
                            });
            assertParserProperties(bytes, seed);
        }
    }

    private static void assertParserProperties(byte[] bytes, long seed) {
        String file = "rollout-2025-10-02T09-00-00-0199a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b.jsonl";
        CollectingSink whole = CodexRuns.parse(file, bytes);
        CollectingSink chunked = ParserRuns.chunked(CodexRuns.parsers(file), bytes, seed, 53);
        assertThat(ParserRuns.jsonl(chunked.events)).isEqualTo(ParserRuns.jsonl(whole.events));
        assertThat(chunked.anomalies).isEqualTo(whole.anomalies);
        assertThat(whole.anomalies)
                .extracting(Anomaly::detail)
                .noneMatch(d -> d.startsWith("record rejected"));
        for (UserMessage u : CodexRuns.users(whole)) {
            if (u.isHumanTyped()) {
                assertThat(u.meta().providerEventType()).isEqualTo("event_msg/user_message");
                assertThat(u.meta().agentId()).isNull();
            }
        }
    }

    /** Where the generator's decisions come from: the fuzzer or a seeded random. */
    private interface Choices {
        /** A number in {@code [0, n)}. */
        int below(int n);

        /** Free text (escaped before it goes into JSON). */
        String text();
    }

    /** Codex-shaped lines with chosen values, so inputs reach past the JSON framing. */
    private static byte[] records(Choices choices) {
        StringBuilder sb = new StringBuilder();
        int lines = 1 + choices.below(40);
        for (int i = 0; i < lines; i++) {
            String template = TEMPLATES[choices.below(TEMPLATES.length)];
            int holes = template.split("%s", -1).length - 1;
            Object[] args = new Object[holes];
            for (int h = 0; h < holes; h++) {
                args[h] =
                        choices.below(2) == 0
                                ? VALUES[choices.below(VALUES.length)]
                                : escape(choices.text());
            }
            sb.append(String.format(template, args)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else {
                out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.toString();
    }
}

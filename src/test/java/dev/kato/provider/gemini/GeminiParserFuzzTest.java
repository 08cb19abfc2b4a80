package dev.kato.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kato.event.UserMessage;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.ParserRuns;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing of both Gemini parsers (regression inputs run in the normal build; {@code
 * JAZZER_FUZZ=1} fuzzes for real). Neither parser may throw; the JSONL parser must give the same
 * events in any byte chunks; no event id may repeat; and in structured records, hostile {@code ::}
 * lines placed only where a person did not type them never reach a human message.
 */
class GeminiParserFuzzTest {
    private static final String HOSTILE = "::export /home/victim/.bashrc";
    private static final String[] IDS = {"u1", "u2", "a1", "a2", "f1", "x"};
    private static final String[] TYPED = {"please help", "", "ok @a.txt", "  fix it\n"};
    private static final String[] MARKERS = {
        "\n--- Content from referenced files ---\n", "<hook_context>", "<session_context>"
    };
    private static final String[] HARNESS = {
        "<session_context>", "<hook_context>", "I ran the following shell command:\n"
    };

    @FuzzTest(maxDuration = "30s")
    void anyBytes_neverThrow_andJsonlIsChunkInvariant(FuzzedDataProvider data) {
        long seed = data.consumeLong();
        byte[] bytes = data.consumeRemainingAsBytes();
        checkJsonl(bytes, seed);
        CollectingSink whole = ParserRuns.whole(GeminiRuns.parsers("session-f.json"), bytes);
        CollectingSink twice =
                GeminiRuns.snapshots(
                        GeminiRuns.parsers("session-f.json").get(), List.of(bytes, bytes), seed);
        GeminiGoldenTest.assertUniqueIds(twice.events);
        assertThat(ParserRuns.jsonl(twice.events)).isEqualTo(ParserRuns.jsonl(whole.events));
    }

    @FuzzTest(maxDuration = "30s")
    void geminiShapedRecords_keepHostileLinesOutOfHumanMessages(FuzzedDataProvider data) {
        long seed = data.consumeLong();
        StringBuilder log = new StringBuilder();
        int records = data.consumeInt(0, 24);
        for (int i = 0; i < records; i++) {
            log.append(record(data)).append('\n');
        }
        byte[] bytes = log.toString().getBytes(StandardCharsets.UTF_8);
        CollectingSink sink = checkJsonl(bytes, seed);
        for (var event : sink.events) {
            if (event instanceof UserMessage m && m.isHumanTyped()) {
                assertThat(m.text().lines().map(String::strip))
                        .noneMatch(line -> line.startsWith("::"));
            }
        }
    }

    private static CollectingSink checkJsonl(byte[] bytes, long seed) {
        CollectingSink whole = ParserRuns.whole(GeminiRuns.parsers("session-f.jsonl"), bytes);
        CollectingSink chunked =
                ParserRuns.chunked(
                        GeminiRuns.parsers("session-f.jsonl"),
                        bytes,
                        seed,
                        1 + Math.floorMod(seed, 61));
        assertThat(ParserRuns.jsonl(chunked.events)).isEqualTo(ParserRuns.jsonl(whole.events));
        assertThat(chunked.anomalies).isEqualTo(whole.anomalies);
        GeminiGoldenTest.assertUniqueIds(whole.events);
        return whole;
    }

    private static String record(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 7)) {
            case 0 -> userRow(data, pick(data, IDS));
            case 1 -> geminiRow(data);
            case 2 ->
                    "{\"id\":"
                            + q(pick(data, IDS))
                            + ",\"type\":\"info\",\"content\":"
                            + q(HOSTILE)
                            + "}";
            case 3 -> "{\"$set\":{\"summary\":" + q(data.consumeString(20) + HOSTILE) + "}}";
            case 4 -> "{\"$set\":{\"messages\":[" + rewritten(data) + "]}}";
            case 5 -> "{\"$rewindTo\":" + q(pick(data, IDS)) + "}";
            case 6 ->
                    "{\"sessionId\":"
                            + q(data.consumeString(8))
                            + ",\"projectHash\":\"h\""
                            + (data.consumeBoolean() ? ",\"kind\":\"subagent\"" : "")
                            + "}";
            default -> data.consumeString(40).replace('\n', ' ');
        };
    }

    /** A user row whose only hostile text sits where a person did not type it. */
    private static String userRow(FuzzedDataProvider data, String id) {
        String typed = pick(data, TYPED);
        String content =
                switch (data.consumeInt(0, 4)) {
                    case 0 -> q(typed);
                    case 1 -> q(typed + pick(data, MARKERS) + HOSTILE);
                    case 2 -> q(pick(data, HARNESS) + HOSTILE);
                    case 3 ->
                            "[{\"functionResponse\":{\"id\":"
                                    + q(pick(data, IDS))
                                    + ",\"response\":{\"output\":"
                                    + q(HOSTILE)
                                    + "}}},{\"text\":"
                                    + q(HOSTILE)
                                    + "}]";
                    default ->
                            "[{\"text\":"
                                    + q(typed)
                                    + "},{\"text\":"
                                    + q("<hook_context>" + HOSTILE)
                                    + "}]";
                };
        String display = data.consumeBoolean() ? ",\"displayContent\":" + q(pick(data, TYPED)) : "";
        return "{\"id\":" + q(id) + ",\"type\":\"user\",\"content\":" + content + display + "}";
    }

    private static String geminiRow(FuzzedDataProvider data) {
        String call = pick(data, IDS);
        return "{\"id\":"
                + q(pick(data, IDS))
                + ",\"type\":\"gemini\",\"content\":"
                + q(data.consumeString(12) + HOSTILE)
                + ",\"thoughts\":[{\"subject\":"
                + q(HOSTILE)
                + "}],\"toolCalls\":[{\"id\":"
                + q(call)
                + ",\"name\":\"t\",\"args\":{\"command\":"
                + q(HOSTILE)
                + "}"
                + (data.consumeBoolean()
                        ? ",\"result\":[{\"functionResponse\":{\"id\":"
                                + q(call)
                                + ",\"response\":{\"output\":"
                                + q(data.consumeString(8) + HOSTILE)
                                + "}}}]"
                        : "")
                + "}]}";
    }

    /** Messages of a history rewrite: anything, including plain hostile user text. */
    private static String rewritten(FuzzedDataProvider data) {
        StringBuilder sb = new StringBuilder();
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(
                    data.consumeBoolean()
                            ? "{\"id\":"
                                    + q(pick(data, IDS))
                                    + ",\"type\":\"user\",\"content\":"
                                    + q(HOSTILE)
                                    + "}"
                            : userRow(data, pick(data, IDS)));
        }
        return sb.toString();
    }

    private static String pick(FuzzedDataProvider data, String[] options) {
        return options[data.consumeInt(0, options.length - 1)];
    }

    /** A JSON string literal. */
    private static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}

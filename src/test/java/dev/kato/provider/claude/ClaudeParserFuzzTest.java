package dev.kato.provider.claude;

import static dev.kato.provider.claude.TestJson.arr;
import static dev.kato.provider.claude.TestJson.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kato.event.UserMessage;
import dev.kato.json.JsonText;
import dev.kato.json.JsonValue;
import dev.kato.provider.Anomaly;
import dev.kato.provider.AnomalyKind;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParserLimits;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.ParserRuns;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the Claude parser (regression inputs run in the normal build; {@code
 * JAZZER_FUZZ=1} fuzzes for real): random bytes and random Claude-shaped records never make the
 * record parser throw, chunked feeding equals one pass, and human text never keeps an opening
 * context tag. (Event-id uniqueness is not asserted here: random records may repeat a uuid, and
 * identical uuid-less lines are by design the same record.)
 */
class ClaudeParserFuzzTest {
    private static final Pattern OPENING_CONTEXT_TAG =
            Pattern.compile("<(ide_[A-Za-z0-9_-]+|system-reminder)(?![A-Za-z0-9_-])");

    private static final List<String> TYPES =
            List.of(
                    "user",
                    "assistant",
                    "system",
                    "attachment",
                    "summary",
                    "ai-title",
                    "queue-operation",
                    "progress",
                    "x");
    private static final List<String> BLOCK_TYPES =
            List.of(
                    "text",
                    "thinking",
                    "redacted_thinking",
                    "tool_use",
                    "tool_result",
                    "image",
                    "server_tool_use",
                    "web_search_tool_result",
                    "");
    private static final List<String> FRAGMENTS =
            List.of(
                    "<ide_selection>",
                    "</ide_selection>",
                    "<system-reminder>",
                    "</system-reminder>",
                    "<ide_opened_file>",
                    "<command-name>/x</command-name>",
                    "<bash-input>",
                    "<local-command-stdout>",
                    "<task-notification>",
                    "[Request interrupted by user]",
                    TextOrigins.COMPACTION_PREFIX,
                    "::record\n",
                    "\n",
                    "text ",
                    "<ide_",
                    "AskUserQuestion");

    @FuzzTest(maxDuration = "10s")
    void randomBytes_neverThrow_andAreChunkInvariant(FuzzedDataProvider data) {
        long seed = data.consumeLong();
        boolean subAgent = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        checkInvariants(context(subAgent), bytes, seed);
    }

    @FuzzTest(maxDuration = "10s")
    void claudeShapedRecords_neverThrow_andAreChunkInvariant(FuzzedDataProvider data) {
        long seed = data.consumeLong();
        boolean subAgent = data.consumeBoolean();
        StringBuilder jsonl = new StringBuilder();
        for (int i = data.consumeInt(1, 12); i > 0 && data.remainingBytes() > 0; i--) {
            jsonl.append(JsonText.compact(record(data))).append('\n');
        }
        checkInvariants(context(subAgent), jsonl.toString().getBytes(StandardCharsets.UTF_8), seed);
    }

    private static ParseContext context(boolean subAgent) {
        return subAgent
                ? ClaudeRuns.subAgent("agent-fuzz.jsonl", null)
                : ClaudeRuns.main("fuzz.jsonl");
    }

    private static void checkInvariants(ParseContext ctx, byte[] bytes, long seed) {
        ParserLimits limits = ParserLimits.DEFAULT.withMaxLineBytes(1 << 16);
        CollectingSink whole = ParserRuns.whole(() -> ClaudeParsers.create(ctx, limits), bytes);
        assertThat(whole.anomalies)
                .as("the record parser threw")
                .noneMatch((Anomaly a) ->
                        a.kind() == AnomalyKind.UNEXPECTED_SHAPE
                                && a.detail().startsWith("record rejected"));
        CollectingSink chunked =
                ParserRuns.chunked(() -> ClaudeParsers.create(ctx, limits), bytes, seed, 53);
        assertThat(ParserRuns.jsonl(chunked.events)).isEqualTo(ParserRuns.jsonl(whole.events));
        assertThat(chunked.anomalies).isEqualTo(whole.anomalies);
        for (UserMessage u : ClaudeRuns.userMessages(whole.events)) {
            if (u.isHumanTyped()) {
                assertThat(OPENING_CONTEXT_TAG.matcher(u.text()).find()).isFalse();
            }
        }
    }

    private static JsonValue record(FuzzedDataProvider data) {
        return obj(
                "type",
                pick(data, TYPES),
                "uuid",
                data.consumeBoolean() ? "u" + data.consumeInt(0, 1_000_000) : null,
                "parentUuid",
                data.consumeBoolean() ? "u" + data.consumeInt(0, 3) : null,
                "isSidechain",
                data.consumeBoolean(),
                "isMeta",
                data.consumeBoolean(),
                "isCompactSummary",
                data.consumeBoolean(),
                "promptSource",
                data.consumeBoolean() ? pick(data, List.of("typed", "sdk", "queued", "z")) : null,
                "timestamp",
                text(data),
                "subtype",
                text(data),
                "content",
                text(data),
                "toolUseResult",
                data.consumeBoolean() ? obj("answers", obj(text(data), text(data))) : null,
                "attachment",
                obj("type", "queued_command", "prompt", content(data)),
                "message",
                obj("id", text(data), "model", text(data), "content", content(data)));
    }

    private static JsonValue content(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return new JsonValue.Str(text(data));
        }
        int n = data.consumeInt(0, 4);
        Object[] blocks = new Object[n];
        for (int i = 0; i < n; i++) {
            blocks[i] = block(data);
        }
        return arr(blocks);
    }

    private static JsonValue block(FuzzedDataProvider data) {
        return obj(
                "type",
                pick(data, BLOCK_TYPES),
                "text",
                text(data),
                "thinking",
                text(data),
                "id",
                text(data),
                "tool_use_id",
                text(data),
                "name",
                data.consumeBoolean() ? "AskUserQuestion" : text(data),
                "input",
                obj(
                        "questions",
                        arr(
                                obj(
                                        "question",
                                        text(data),
                                        "header",
                                        text(data),
                                        "options",
                                        arr(obj("label", text(data)))))),
                "content",
                data.consumeBoolean() ? text(data) : arr(obj("type", "text", "text", text(data))),
                "is_error",
                data.consumeBoolean());
    }

    private static String text(FuzzedDataProvider data) {
        StringBuilder sb = new StringBuilder();
        for (int i = data.consumeInt(0, 6); i > 0; i--) {
            sb.append(data.consumeBoolean() ? pick(data, FRAGMENTS) : data.consumeString(12));
        }
        return sb.toString();
    }

    private static String pick(FuzzedDataProvider data, List<String> options) {
        return options.get(data.consumeInt(0, options.size() - 1));
    }
}

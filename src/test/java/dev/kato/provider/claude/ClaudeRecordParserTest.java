package dev.kato.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.AssistantMessage;
import dev.kato.event.ConversationEvent;
import dev.kato.event.Decision;
import dev.kato.event.DecisionOption;
import dev.kato.event.DecisionStatus;
import dev.kato.event.Thinking;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import dev.kato.provider.Anomaly;
import dev.kato.provider.AnomalyKind;
import dev.kato.provider.JsonlSessionParser;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.FixtureFiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The expectations of providers.md §8.1 for the shared Claude fixtures, and record identity. */
class ClaudeRecordParserTest {
    private static final String SESSION = "claude-session.jsonl";

    private static List<ConversationEvent> fixture(String name) {
        CollectingSink sink =
                ClaudeRuns.parse(ClaudeRuns.main(name), FixtureFiles.sharedKato(name));
        assertThat(sink.anomalies).isEmpty();
        return sink.events;
    }

    private static <T extends ConversationEvent> List<T> only(
            List<ConversationEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static String contentOf(ConversationEvent e) {
        return switch (e) {
            case UserMessage u -> u.text();
            case AssistantMessage a -> a.text();
            case Thinking t -> t.text();
            case ToolCall c -> c.description() + c.inputJson();
            case ToolResult r -> r.text();
            case Decision d -> d.summary() + d.options() + d.answer();
            case dev.kato.event.SystemNotice s -> s.text();
            case dev.kato.event.ProviderInfo p -> p.value();
        };
    }

    @Test
    void session_yieldsTheTenEventsKatoExpects_inOrder() {
        assertThat(fixture(SESSION))
                .extracting(ConversationEvent::kind)
                .containsExactly(
                        "message.user",
                        "thinking",
                        "message.assistant",
                        "tool.call",
                        "tool.result",
                        "tool.call",
                        "tool.result",
                        "message.assistant",
                        "message.user",
                        "message.assistant");
    }

    @Test
    void session_firstUser_hasExactTextTurnTimestampAndSource() {
        UserMessage first = only(fixture(SESSION), UserMessage.class).getFirst();
        assertThat(first.text()).isEqualTo("I want to add authentication to my app. Can you help?");
        assertThat(first.origin()).isEqualTo(UserOrigin.HUMAN);
        assertThat(first.isHumanTyped()).isTrue();
        assertThat(first.meta().turnId()).isEqualTo("msg-u1");
        assertThat(first.meta().timestamp()).isEqualTo(Instant.parse("2026-02-10T23:36:18.000Z"));
        assertThat(first.meta().providerEventType()).isEqualTo("user");
        assertThat(first.meta().providerEventId()).isEqualTo("msg-u1");
        assertThat(first.meta().eventId().value()).isEqualTo("claude:msg-u1");
        assertThat(first.meta().sessionId()).isEqualTo("sess-001");
        assertThat(first.meta().agentId()).isNull();
    }

    @Test
    void session_secondUser_hasExactTextAndTimestamp() {
        UserMessage second = only(fixture(SESSION), UserMessage.class).get(1);
        assertThat(second.text())
                .isEqualTo("Sounds good, let's go with Passport.js. Can you set it up?");
        assertThat(second.meta().timestamp()).isEqualTo(Instant.parse("2026-02-10T23:40:12.000Z"));
    }

    @Test
    void session_userMessages_areExactlyTheTwoPrompts_neverToolOutput() {
        List<UserMessage> users = only(fixture(SESSION), UserMessage.class);
        assertThat(users).extracting(UserMessage::origin).containsOnly(UserOrigin.HUMAN);
        assertThat(users).extracting(u -> u.meta().turnId()).containsExactly("msg-u1", "msg-u2");
        assertThat(users)
                .noneMatch(u -> u.text().contains("my-app") || u.text().contains("No matches"));
    }

    @Test
    void session_thinkingToolsAndResults_matchTheFixture() {
        List<ConversationEvent> events = fixture(SESSION);
        assertThat(only(events, Thinking.class).getFirst().text()).contains("The user wants auth.");
        List<ToolCall> calls = only(events, ToolCall.class);
        assertThat(calls).extracting(ToolCall::name).containsExactly("Read", "Grep");
        assertThat(calls.get(0).description()).isEqualTo("/home/user/project/package.json");
        assertThat(calls.get(1).description()).isEqualTo("auth|login|session");
        List<ToolResult> results = only(events, ToolResult.class);
        assertThat(results)
                .extracting(ToolResult::toolCallId)
                .containsExactly(calls.get(0).toolCallId(), calls.get(1).toolCallId());
        assertThat(results.get(0).text()).contains("\"name\": \"my-app\"");
        assertThat(results.get(1).text()).isEqualTo("No matches found.");
        assertThat(results).noneMatch(ToolResult::isError);
    }

    @Test
    void session_assistantModel_isOpus_andSidechainIsSkipped() {
        List<ConversationEvent> events = fixture(SESSION);
        assertThat(only(events, AssistantMessage.class))
                .extracting(AssistantMessage::model)
                .containsOnly("claude-opus-4-6");
        assertThat(only(events, ToolCall.class))
                .extracting(ToolCall::model)
                .containsOnly("claude-opus-4-6");
        assertThat(events).noneMatch(e -> contentOf(e).contains("sidechain message"));
    }

    @Test
    void session_resumedAfterSecondUser_startsWithTheAssistantText() {
        byte[] bytes = FixtureFiles.sharedKato(SESSION);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int lineStart = text.indexOf("{\"type\":\"user\",\"uuid\":\"msg-u2\"");
        int cursor =
                text.substring(0, text.indexOf('\n', lineStart) + 1)
                        .getBytes(StandardCharsets.UTF_8)
                        .length;
        JsonlSessionParser parser =
                new JsonlSessionParser(
                                ParserLimits.DEFAULT,
                                new ClaudeRecordParser(ClaudeRuns.main(SESSION)))
                        .resumeAt(cursor);
        CollectingSink sink = new CollectingSink();
        parser.feed(bytes, cursor, bytes.length - cursor, sink);
        assertThat(sink.events.getFirst())
                .isInstanceOfSatisfying(
                        AssistantMessage.class,
                        a ->
                                assertThat(a.text())
                                        .startsWith(
                                                "I'll set up Passport.js with JWT"
                                                        + " authentication"));
        assertThat(sink.events).hasSize(1);
    }

    @Test
    void session_cursorsNeverDecrease_whateverTheChunks() {
        byte[] bytes = FixtureFiles.sharedKato(SESSION);
        SessionParser parser = ClaudeRuns.parsers(ClaudeRuns.main(SESSION)).get();
        CollectingSink sink = new CollectingSink();
        Random random = new Random(7);
        long last = 0;
        for (int pos = 0; pos < bytes.length; ) {
            int n = Math.min(bytes.length - pos, 1 + random.nextInt(40));
            parser.feed(bytes, pos, n, sink);
            pos += n;
            assertThat(parser.committedOffset()).isGreaterThanOrEqualTo(last);
            last = parser.committedOffset();
        }
        assertThat(last).isEqualTo(bytes.length);
    }

    @Test
    void stringContent_isAHumanMessageThatKeepsItsCommandLine() {
        List<ConversationEvent> events = fixture("claude-session-user-string-content.jsonl");
        assertThat(events)
                .extracting(ConversationEvent::kind)
                .containsExactly("message.user", "message.assistant");
        UserMessage user = (UserMessage) events.getFirst();
        assertThat(user.meta().turnId()).isEqualTo("u-string-1");
        assertThat(user.origin()).isEqualTo(UserOrigin.HUMAN);
        assertThat(user.text()).contains("::capture notes/out-of-turn.md");
        assertThat(((AssistantMessage) events.get(1)).text()).isEqualTo("Acknowledged.");
    }

    @Test
    void askUserQuestion_becomesACallAProposalAResultAndAnAcceptedDecision() {
        List<ConversationEvent> events = fixture("claude-session-ask-user-question.jsonl");
        // The fixture's assistant row holds the tool_use block before its text block.
        assertThat(events)
                .extracting(ConversationEvent::kind)
                .containsExactly(
                        "tool.call", "decision", "message.assistant", "tool.result", "decision");
        assertThat(only(events, ToolCall.class).getFirst().name()).isEqualTo("AskUserQuestion");
        List<Decision> decisions = only(events, Decision.class);
        Decision proposed = decisions.get(0);
        assertThat(proposed.status()).isEqualTo(DecisionStatus.PROPOSED);
        assertThat(proposed.summary()).contains("Which file should we start implementation with?");
        assertThat(proposed.decisionKey()).isEqualTo("Start with");
        assertThat(proposed.options())
                .contains(new DecisionOption("shared contracts", "shared/src/contracts/status.ts"));
        Decision accepted = decisions.get(1);
        assertThat(accepted.status()).isEqualTo(DecisionStatus.ACCEPTED);
        assertThat(accepted.decidedBy()).isEqualTo("user");
        assertThat(accepted.summary()).contains("shared contracts");
        assertThat(accepted.answer()).isEqualTo("shared contracts");
        assertThat(accepted.options()).isEqualTo(proposed.options());
        assertThat(only(events, ToolResult.class).getFirst().toolCallId()).isEqualTo("toolu_ask_1");
        assertThat(only(events, UserMessage.class))
                .noneMatch(u -> u.text().contains("shared contracts"));
    }

    @Test
    void recordWithOneEvent_hasTheBareId_andPartsOtherwise() {
        List<ConversationEvent> events =
                ClaudeRuns.parseLines(
                        "{\"type\":\"assistant\",\"uuid\":\"a1\",\"message\":{\"content\":["
                                + "{\"type\":\"text\",\"text\":\"one\"},"
                                + "{\"type\":\"text\",\"text\":\"two\"}]}}",
                        "{\"type\":\"assistant\",\"uuid\":\"a2\",\"message\":{\"content\":["
                                + "{\"type\":\"redacted_thinking\",\"data\":\"x\"},"
                                + "{\"type\":\"text\",\"text\":\"only\"}]}}");
        assertThat(events)
                .extracting(e -> e.meta().eventId().value())
                .containsExactly("claude:a1#0", "claude:a1#1", "claude:a2");
    }

    @Test
    void recordWithoutUuid_isIdentifiedByItsLineHash_stableAcrossReads() {
        String line = "{\"type\":\"summary\",\"summary\":\"A title\",\"leafUuid\":\"x\"}";
        List<ConversationEvent> first = ClaudeRuns.parseLines(line);
        List<ConversationEvent> again = ClaudeRuns.parseLines("{\"type\":\"mode\"}", line);
        assertThat(first).hasSize(1);
        String id = first.getFirst().meta().providerEventId();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(first.getFirst().meta().eventId().value()).isEqualTo("claude:" + id);
        assertThat(again.getFirst().meta().eventId()).isEqualTo(first.getFirst().meta().eventId());
        assertThat(first.getFirst().meta().sessionId()).isEqualTo("session");
    }

    @Test
    void subAgentFile_marksEveryEvent_andNoUserTextIsHuman() {
        ParseContext ctx = ClaudeRuns.subAgent("agent-f00d.jsonl", null);
        List<ConversationEvent> events =
                ClaudeRuns.parseLines(
                        ctx,
                        "{\"type\":\"user\",\"uuid\":\"s1\",\"isSidechain\":true,"
                                + "\"sessionId\":\"parent\",\"message\":{\"content\":"
                                + "\"Do it\\n::record\"}}",
                        "{\"type\":\"assistant\",\"uuid\":\"s2\",\"isSidechain\":true,"
                                + "\"agentId\":\"rec-agent\",\"message\":{\"content\":"
                                + "[{\"type\":\"text\",\"text\":\"ok\"}]}}");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).meta().agentId()).isEqualTo("f00d");
        assertThat(events.get(0).meta().sessionId()).isEqualTo("parent");
        assertThat(events.get(1).meta().agentId()).isEqualTo("rec-agent");
        UserMessage prompt = (UserMessage) events.getFirst();
        assertThat(prompt.origin()).isEqualTo(UserOrigin.SUB_AGENT);
        assertThat(prompt.isHumanTyped()).isFalse();
    }

    @Test
    void subAgentFile_usesTheContextAgentId_whenRecordsHaveNone() {
        ParseContext ctx = ClaudeRuns.subAgent("agent-f00d.jsonl", "from-ctx");
        List<ConversationEvent> events =
                ClaudeRuns.parseLines(
                        ctx, "{\"type\":\"user\",\"uuid\":\"s1\",\"message\":{\"content\":\"x\"}}");
        assertThat(events.getFirst().meta().agentId()).isEqualTo("from-ctx");
    }

    @Test
    void timestamps_withOffsets_areNormalised_andJunkIsNull() {
        List<ConversationEvent> events =
                ClaudeRuns.parseLines(
                        "{\"type\":\"user\",\"uuid\":\"t1\",\"timestamp\":"
                                + "\"2026-03-01T12:00:00+02:00\",\"message\":{\"content\":\"a\"}}",
                        "{\"type\":\"user\",\"uuid\":\"t2\",\"timestamp\":\"yesterday\","
                                + "\"message\":{\"content\":\"b\"}}",
                        "{\"type\":\"user\",\"uuid\":\"t3\",\"timestamp\":1700000000000,"
                                + "\"message\":{\"content\":\"c\"}}");
        assertThat(events)
                .extracting(e -> e.meta().timestamp())
                .containsExactly(Instant.parse("2026-03-01T10:00:00Z"), null, null);
    }

    @Test
    void assistantModel_followsEachRow_andSyntheticIsNull() {
        List<ConversationEvent> events =
                ClaudeRuns.parseLines(
                        assistant("m1", "claude-opus-4-6", "a"),
                        assistant("m2", "<synthetic>", "b"),
                        assistant("m3", "claude-sonnet-4-6", "c"));
        assertThat(only(events, AssistantMessage.class))
                .extracting(AssistantMessage::model)
                .containsExactly("claude-opus-4-6", null, "claude-sonnet-4-6");
    }

    @Test
    void turnIds_areTheUserUuid_andTheApiResponseId() {
        List<ConversationEvent> events =
                ClaudeRuns.parseLines(
                        "{\"type\":\"user\",\"uuid\":\"u9\",\"message\":{\"content\":\"hi\"}}",
                        "{\"type\":\"assistant\",\"uuid\":\"a9\",\"message\":{\"id\":\"msg_9\","
                                + "\"content\":[{\"type\":\"text\",\"text\":\"yo\"}]}}",
                        "{\"type\":\"system\",\"uuid\":\"s9\",\"subtype\":\"informational\","
                                + "\"content\":\"note\"}");
        assertThat(events).extracting(e -> e.meta().turnId()).containsExactly("u9", "msg_9", null);
    }

    private static String assistant(String uuid, String model, String text) {
        return "{\"type\":\"assistant\",\"uuid\":\""
                + uuid
                + "\",\"message\":{\"model\":\""
                + model
                + "\",\"content\":[{\"type\":\"text\",\"text\":\""
                + text
                + "\"}]}}";
    }

    @Test
    void malformedLines_areSkippedWithAnomalies_andATruncatedTailWaits() {
        byte[] bytes = FixtureFiles.testdata("provider/claude/malformed-lines.input.jsonl");
        CollectingSink sink = ClaudeRuns.parse(ClaudeRuns.main("m.jsonl"), bytes);
        assertThat(sink.anomalies)
                .extracting(Anomaly::kind)
                .containsExactly(
                        AnomalyKind.MALFORMED,
                        AnomalyKind.UNEXPECTED_SHAPE,
                        AnomalyKind.UNEXPECTED_SHAPE);
        assertThat(only(sink.events, UserMessage.class))
                .extracting(UserMessage::text)
                .containsExactly("Before the bad lines.", "After the bad lines.");
        assertThat(sink.events).noneMatch(e -> contentOf(e).contains("truncated"));
    }
}

package dev.kato.provider.codex;

import static dev.kato.provider.codex.CodexRuns.only;
import static dev.kato.provider.codex.CodexRuns.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kato.event.AssistantMessage;
import dev.kato.event.AssistantPhase;
import dev.kato.event.ConversationEvent;
import dev.kato.event.Decision;
import dev.kato.event.DecisionOption;
import dev.kato.event.DecisionStatus;
import dev.kato.event.Provider;
import dev.kato.event.ProviderInfo;
import dev.kato.event.SystemNotice;
import dev.kato.event.Thinking;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import dev.kato.provider.FileRole;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParserLimits;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.FixtureFiles;
import dev.kato.testing.ParserRuns;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The behaviour providers.md §3 and §8.1 ask of the Codex parser, on the fixtures. */
class CodexParsersTest {
    private static final String VSCODE = "codex-session-vscode-new.jsonl";
    private static final String LEGACY = "codex-session-legacy.jsonl";
    private static final String RUI = "codex-session-request-user-input.jsonl";

    private static CollectingSink shared(String name) {
        return CodexRuns.parse(name, FixtureFiles.sharedKato(name));
    }

    private static CollectingSink own(String caseName) {
        String file = caseName + ".input.jsonl";
        return CodexRuns.parse(file, FixtureFiles.testdata("provider/codex/" + file));
    }

    private static List<UserMessage> human(CollectingSink sink) {
        return users(sink).stream().filter(UserMessage::isHumanTyped).toList();
    }

    @Test
    void vscode_idePreambleIsSplitOff_andTheTypedRequestKeepsItsCommandLine() {
        CollectingSink sink = shared(VSCODE);
        UserMessage first = human(sink).getFirst();
        assertThat(first.text())
                .isEqualTo("::record @documentation/notes/test.md\nHelp me set up authentication")
                .doesNotContain("## Active file:")
                .doesNotContain("# Context from my IDE setup");
        UserMessage preamble = users(sink).getFirst();
        assertThat(preamble.origin()).isEqualTo(UserOrigin.IDE_CONTEXT);
        assertThat(preamble.text()).contains("## Active file: src/auth.ts");
        assertThat(preamble.meta().eventId()).isNotEqualTo(first.meta().eventId());
    }

    @Test
    void vscode_userTurnIds_comeFromTaskStarted() {
        List<UserMessage> typed = human(shared(VSCODE));
        assertThat(typed)
                .extracting(u -> u.meta().turnId())
                .containsExactly("turn-001", "turn-002");
        assertThat(typed.get(1).text()).isEqualTo("Can you also add OAuth?");
    }

    @Test
    void vscode_commentaryAndFinals_withoutDuplicates() {
        List<AssistantMessage> assistant = only(shared(VSCODE), AssistantMessage.class);
        List<AssistantMessage> commentary =
                assistant.stream().filter(a -> a.phase() == AssistantPhase.COMMENTARY).toList();
        List<AssistantMessage> finals =
                assistant.stream().filter(a -> a.phase() == AssistantPhase.FINAL).toList();
        assertThat(commentary)
                .extracting(AssistantMessage::text)
                .containsExactly(
                        "I'm analyzing your project structure...",
                        "Let me check the existing code.");
        assertThat(finals).hasSize(2);
        assertThat(finals.getFirst().text()).contains("JWT tokens");
        assertThat(assistant).extracting(AssistantMessage::model).containsOnly("gpt-5.3-codex");
        assertNoRepeatedAssistantTextPerTurn(assistant);
    }

    @Test
    void vscode_kindsInOrder_matchKatosGoldenTwin() {
        List<String> kinds =
                shared(VSCODE).events.stream()
                        .filter(e -> !e.kind().equals("provider.info"))
                        .filter(e ->
                                !(e instanceof UserMessage u
                                        && u.origin() == UserOrigin.IDE_CONTEXT))
                        .map(ConversationEvent::kind)
                        .toList();
        assertThat(kinds)
                .containsExactly(
                        "message.user",
                        "tool.call",
                        "tool.result",
                        "thinking",
                        "message.assistant",
                        "message.assistant",
                        "message.assistant",
                        "message.user",
                        "message.assistant");
    }

    @Test
    void vscode_toolCallDescription_result_andThinking() {
        CollectingSink sink = shared(VSCODE);
        ToolCall call = only(sink, ToolCall.class).getFirst();
        assertThat(call.name()).isEqualTo("exec_command");
        assertThat(call.description()).contains("ls src/");
        assertThat(call.inputJson()).isEqualTo("{\"cmd\":\"ls src/\"}");
        ToolResult result = only(sink, ToolResult.class).getFirst();
        assertThat(result.toolCallId()).isEqualTo(call.toolCallId());
        assertThat(result.text()).contains("auth.ts");
        assertThat(only(sink, Thinking.class))
                .singleElement()
                .satisfies(t -> assertThat(t.text()).contains("set up authentication"));
    }

    @Test
    void legacyFixture_hasNoModel_andItsSingleAgentMessageIsUnspecified() {
        CollectingSink sink = shared(LEGACY);
        assertThat(human(sink))
                .extracting(UserMessage::text)
                .containsExactly("How do I use async/await in JavaScript?");
        AssistantMessage answer = only(sink, AssistantMessage.class).getFirst();
        assertThat(answer.text()).contains("Async/await is a modern JavaScript feature");
        assertThat(answer.phase()).isEqualTo(AssistantPhase.UNSPECIFIED);
        assertThat(answer.model()).isNull();
        assertThat(only(sink, ToolCall.class))
                .extracting(ToolCall::name, ToolCall::description)
                .containsExactly(tuple("search", "async await javascript"));
        assertThat(only(sink, ToolResult.class).getFirst().text())
                .contains("async/await is a syntax");
        assertThat(only(sink, Thinking.class).getFirst().text()).contains("async/await basics");
    }

    @Test
    void requestUserInput_proposesAndAcceptsDecisions() {
        CollectingSink sink = shared(RUI);
        List<Decision> decisions = only(sink, Decision.class);
        Decision proposed = decisions.getFirst();
        assertThat(proposed.status()).isEqualTo(DecisionStatus.PROPOSED);
        assertThat(proposed.decisionKey()).isEqualTo("deploy_mode");
        assertThat(proposed.summary()).isEqualTo("Choose deploy mode.");
        assertThat(proposed.options())
                .contains(new DecisionOption("Blue (Recommended)", "Primary rollout lane."));
        List<Decision> accepted =
                decisions.stream().filter(d -> d.status() == DecisionStatus.ACCEPTED).toList();
        assertThat(accepted)
                .extracting(Decision::decisionKey)
                .containsExactly("deploy_mode", "migration_scope", "api_mode", "log_mode");
        assertThat(accepted).extracting(Decision::decidedBy).containsOnly("user");
        assertThat(accepted)
                .extracting(Decision::summary)
                .contains("API mode? -> Public", "Log mode? -> Verbose (Recommended)");
        assertThat(accepted.get(1).answer()).isEqualTo("Run it only on staging first.");
    }

    @Test
    void requestUserInput_answersAreNeverUserMessages_andBadOutputFallsBackUnparsed() {
        CollectingSink sink = shared(RUI);
        assertThat(users(sink))
                .extracting(UserMessage::text)
                .noneMatch(t ->
                        t.contains("Blue (Recommended)")
                                || t.contains("Public")
                                || t.contains("staging first"));
        List<UserMessage> unparsed =
                users(sink).stream().filter(u -> u.origin() == UserOrigin.UNPARSED_ANSWER).toList();
        assertThat(unparsed)
                .singleElement()
                .satisfies(u -> {
                    assertThat(u.text())
                            .contains("Malformed output question?")
                            .contains("not-json-response-payload");
                    assertThat(u.isHumanTyped()).isFalse();
                });
        assertThat(only(sink, Decision.class))
                .filteredOn(d -> d.decisionKey().equals("malformed_question"))
                .extracting(Decision::status)
                .containsExactly(DecisionStatus.PROPOSED);
        ToolCall echo =
                only(sink, ToolCall.class).stream()
                        .filter(c -> c.name().equals("exec_command"))
                        .findFirst()
                        .orElseThrow();
        assertThat(echo.description()).contains("echo ok");
        assertThat(only(sink, ToolResult.class))
                .filteredOn(r -> r.toolCallId().equals("call-rui-005"))
                .singleElement()
                .satisfies(r -> assertThat(r.text()).contains("ok"));
    }

    @Test
    void requestUserInput_resumedAfterTheCall_stillKnowsTheQuestion() {
        byte[] bytes = FixtureFiles.sharedKato(RUI);
        long cursor = endOfLine(bytes, 5); // the call-rui-001 tool call
        ParseContext ctx = ParseContext.main(Provider.CODEX, RUI);
        CollectingSink resumed =
                ParserRuns.whole(
                        () -> CodexParsers.createResumed(ctx, ParserLimits.DEFAULT, cursor), bytes);
        Decision answer = only(resumed, Decision.class).getFirst();
        assertThat(answer.status()).isEqualTo(DecisionStatus.ACCEPTED);
        assertThat(answer.question()).isEqualTo("Choose deploy mode.");
        assertThat(answer.options())
                .contains(new DecisionOption("Green", "Secondary rollout lane."));
        assertThat(resumed.events.getFirst()).isInstanceOf(ToolResult.class);
        List<ConversationEvent> whole = shared(RUI).events;
        assertThat(ParserRuns.jsonl(resumed.events))
                .isEqualTo(
                        ParserRuns.jsonl(
                                whole.subList(whole.size() - resumed.events.size(), whole.size())));
    }

    @Test
    void execSession_isProgram_neverHuman() {
        byte[] bytes = FixtureFiles.sharedKato("codex-session-exec.jsonl");
        CollectingSink sink = CodexRuns.parse("codex-session-exec.jsonl", bytes);
        assertThat(users(sink))
                .singleElement()
                .satisfies(u -> {
                    assertThat(u.origin()).isEqualTo(UserOrigin.PROGRAM);
                    assertThat(u.text()).isEqualTo("exec sub-agent task");
                });
    }

    @Test
    void abortedSession_keepsTheUserMessage_andNotesTheAbort() {
        CollectingSink sink = shared("codex-session-aborted.jsonl");
        assertThat(human(sink)).extracting(UserMessage::text).containsExactly("Start a task");
        assertThat(only(sink, SystemNotice.class))
                .extracting(SystemNotice::subtype)
                .containsExactly("turn_aborted");
        assertThat(only(sink, AssistantMessage.class)).isEmpty();
    }

    @Test
    void timestamps_areEachLinesOwn_andNeverInvented() {
        CollectingSink sink = own("new-format-real");
        assertThat(sink.events).allSatisfy(e -> assertThat(e.meta().timestamp()).isNotNull());
        UserMessage typed = human(sink).getFirst();
        assertThat(typed.meta().timestamp()).isEqualTo(Instant.parse("2025-10-02T09:00:02Z"));
        AssistantMessage last = only(sink, AssistantMessage.class).getLast();
        assertThat(last.meta().timestamp()).isEqualTo(Instant.parse("2025-10-02T09:00:12Z"));
        assertThat(shared(VSCODE).events)
                .allSatisfy(e -> assertThat(e.meta().timestamp()).isNull());
    }

    @Test
    void realShapedLog_readsOutputTextAndInputText_andDropsRoleUserItems() {
        CollectingSink sink = own("new-format-real");
        assertThat(users(sink))
                .singleElement()
                .satisfies(u -> assertThat(u.text()).isEqualTo("Why does the login test fail?"));
        assertThat(only(sink, AssistantMessage.class))
                .extracting(AssistantMessage::phase, AssistantMessage::text)
                .containsExactly(
                        tuple(AssistantPhase.COMMENTARY, "I'll run the login test first."),
                        tuple(
                                AssistantPhase.FINAL,
                                "The session secret is unset in the test environment, so the handler returns 500."));
        assertThat(only(sink, Thinking.class)).singleElement();
        assertThat(only(sink, ToolCall.class).getFirst().description())
                .isEqualTo("bash -lc make test TEST=login");
        assertNoRepeatedAssistantTextPerTurn(only(sink, AssistantMessage.class));
    }

    @Test
    void modelSwitch_isVisibleOnLaterEvents() {
        CollectingSink sink = own("model-switch");
        assertThat(only(sink, AssistantMessage.class))
                .extracting(AssistantMessage::model)
                .containsExactly(
                        "gpt-5-codex", "gpt-5.1-codex-max", "gpt-5.2-codex", "gpt-5.2-codex");
    }

    @Test
    void eventIds_dependOnContentNotPosition_andAreUnique() {
        byte[] bytes = FixtureFiles.sharedKato(VSCODE);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int afterMeta = text.indexOf('\n') + 1;
        String shifted =
                text.substring(0, afterMeta)
                        + "\n   \n{\"type\":\"world_state\",\"payload\":{}}\n"
                        + text.substring(afterMeta);
        CollectingSink a = CodexRuns.parse(VSCODE, bytes);
        CollectingSink b = CodexRuns.parse(VSCODE, shifted.getBytes(StandardCharsets.UTF_8));
        assertThat(ids(b)).isEqualTo(ids(a));
        assertThat(new HashSet<>(ids(a))).hasSameSizeAs(ids(a));
        assertThat(ids(a)).allMatch(id -> id.startsWith("codex:sess-vscode-001/"));
        assertThat(a.events)
                .allSatisfy(e -> assertThat(e.meta().providerEventId()).matches("[0-9a-f]{32}"));
    }

    @Test
    void sessionId_fallsBackToTheUuidAtTheEndOfTheFileName_thenTheStem() {
        String line =
                "{\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\",\"message\":\"hi\"}}";
        String rollout = "rollout-2025-10-02T09-00-00-0199a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b.jsonl";
        assertThat(users(CodexRuns.parseLines(rollout, line)).getFirst().meta().sessionId())
                .isEqualTo("0199a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b");
        assertThat(users(CodexRuns.parseLines("notes.jsonl", line)).getFirst().meta().sessionId())
                .isEqualTo("notes");
        String meta = "{\"type\":\"session_meta\",\"payload\":{\"session_id\":\"s-2\"}}";
        assertThat(users(CodexRuns.parseLines(rollout, meta, line)).getFirst().meta().sessionId())
                .isEqualTo("s-2");
        String huge =
                "{\"type\":\"session_meta\",\"payload\":{\"id\":\"" + "x".repeat(600) + "\"}}";
        CollectingSink sink = CodexRuns.parseLines(rollout, huge, line);
        assertThat(users(sink).getFirst().meta().sessionId())
                .isEqualTo("0199a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b");
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void subAgentFile_byLayout_isNeverHuman_andCarriesItsAgentId() {
        ParseContext ctx =
                new ParseContext(Provider.CODEX, "rollout-x.jsonl", FileRole.SUB_AGENT, "agent-7");
        byte[] bytes = FixtureFiles.sharedKato(VSCODE);
        CollectingSink sink =
                ParserRuns.whole(() -> CodexParsers.create(ctx, ParserLimits.DEFAULT), bytes);
        assertThat(human(sink)).isEmpty();
        assertThat(sink.events)
                .allSatisfy(e -> assertThat(e.meta().agentId()).isEqualTo("agent-7"));
    }

    @Test
    void subAgentSource_forkPrefixIsHistory_ownTaskIsSubAgent() {
        CollectingSink sink = own("subagent-fork");
        assertThat(users(sink))
                .extracting(UserMessage::origin)
                .containsExactly(UserOrigin.HISTORY_REWRITE, UserOrigin.SUB_AGENT);
        assertThat(sink.events)
                .allSatisfy(e ->
                        assertThat(e.meta().agentId())
                                .isEqualTo("0199a000-0000-7000-8000-000000000002"));
        assertThat(only(sink, ProviderInfo.class))
                .extracting(ProviderInfo::value)
                .containsExactly("subagent", "/home/dev/project");
    }

    @Test
    void forkedSession_replayedPromptsAreHistory_newOnesHuman() {
        CollectingSink sink = own("forked-session");
        assertThat(users(sink))
                .extracting(UserMessage::origin)
                .containsExactly(
                        UserOrigin.HISTORY_REWRITE, UserOrigin.HISTORY_REWRITE, UserOrigin.HUMAN);
        assertThat(human(sink))
                .extracting(UserMessage::text)
                .containsExactly("Continue from here.");
    }

    @Test
    void injectedKinds_areNeverHuman() {
        CollectingSink sink = own("kind-user-instructions");
        assertThat(users(sink))
                .extracting(UserMessage::origin)
                .containsExactly(
                        UserOrigin.INJECTED_CONTEXT,
                        UserOrigin.INJECTED_CONTEXT,
                        UserOrigin.HUMAN,
                        UserOrigin.INJECTED_CONTEXT,
                        UserOrigin.HUMAN);
    }

    @Test
    void idePreamble_withAFakeMarkerInTheSelection_cutsAtTheLastMarker() {
        CollectingSink sink = own("vscode-preamble");
        assertThat(human(sink).getFirst().text()).isEqualTo("Explain this file\n");
        assertThat(users(sink).getFirst().text())
                .contains("::record")
                .startsWith("# Context from my IDE setup:");
        assertThat(users(sink).getFirst().origin()).isEqualTo(UserOrigin.IDE_CONTEXT);
    }

    @Test
    void compaction_isASummary_andReplacementHistoryIsIgnored() {
        CollectingSink sink = own("compacted");
        assertThat(users(sink))
                .extracting(UserMessage::origin)
                .containsExactly(UserOrigin.HUMAN, UserOrigin.COMPACTION_SUMMARY);
    }

    @Test
    void taskComplete_emitsTheFinalOnlyWhenNotYetSaid() {
        CollectingSink sink = own("task-complete");
        assertThat(only(sink, AssistantMessage.class))
                .extracting(AssistantMessage::phase, AssistantMessage::text)
                .containsExactly(
                        tuple(AssistantPhase.COMMENTARY, "Looking at the diff."),
                        tuple(AssistantPhase.FINAL, "The diff renames two helpers."),
                        tuple(AssistantPhase.COMMENTARY, "You're welcome."));
    }

    private static List<String> ids(CollectingSink sink) {
        return sink.events.stream().map(e -> e.meta().eventId().value()).toList();
    }

    private static void assertNoRepeatedAssistantTextPerTurn(List<AssistantMessage> messages) {
        Set<String> seen = new HashSet<>();
        for (AssistantMessage m : messages) {
            String key = Objects.toString(m.meta().turnId()) + "\u0000" + m.text().strip();
            assertThat(seen.add(key))
                    .as("assistant text repeated in turn %s", m.meta().turnId())
                    .isTrue();
        }
    }

    private static long endOfLine(byte[] bytes, int lineNumber) {
        int seen = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && ++seen == lineNumber) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line " + lineNumber);
    }
}

package dev.kato.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.AssistantPhase;
import dev.kato.event.ConversationEvent;
import dev.kato.event.DecisionOption;
import dev.kato.testing.Golden;
import dev.kato.testing.ParserRuns;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden cases: {@code testdata/writer/markdown/<case>.events.jsonl} → {@code <case>.md}. */
class MarkdownRendererTest {
    static final String RECORDING = "0d9c4f5e-8a1b-4c2d-9e3f-5a6b7c8d9e0f";
    private static final MarkdownOptions ALL_ON =
            MarkdownOptions.builder()
                    .includeUpdated(true)
                    .addParticipantUsername(true)
                    .participantUsername("djradon")
                    .includeEventKinds(true)
                    .includeThinking(true)
                    .includeToolCalls(true)
                    .italicizeUserMessages(true)
                    .includeSystemEvents(true)
                    .build();

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    static String golden(String name, List<ConversationEvent> events, String markdown) {
        Golden.assertMatches("writer/markdown/" + name + ".events.jsonl", ParserRuns.jsonl(events));
        Golden.assertMatches("writer/markdown/" + name + ".md", markdown);
        return markdown;
    }

    private String render(List<ConversationEvent> events, MarkdownOptions o) {
        return renderer.render(events, List.of(RECORDING), o);
    }

    @Test
    void plainClaudeConversation_defaultOptions() {
        List<ConversationEvent> events = WriterFixtures.claudeConversation();
        String md =
                golden("claude-plain-defaults", events, render(events, MarkdownOptions.DEFAULTS));
        assertThat(md)
                .startsWith("---\nid: i-want-to-add-authentica-7f3c2a91\n")
                .contains("# User_2026-02-21_1544_14\n")
                .contains("# claude-opus-4.6_2026-02-21_1544_26\n")
                .contains("# claude-sonnet-4.6_")
                .doesNotContain("The user wants auth.", "toolu_read1", "hidden")
                .endsWith("Done.\n")
                .doesNotEndWith("\n\n");
    }

    @Test
    void everyFeatureFlagOn() {
        List<ConversationEvent> events = WriterFixtures.codexConversation();
        String md = golden("codex-all-flags", events, render(events, ALL_ON));
        assertThat(md)
                .contains("updated: ")
                .contains("participants: [user.djradon, codex.gpt-5.3-codex]")
                .contains("conversationEventKinds: [provider.info, message.user, tool.call,")
                .contains("*Help me set up authentication*\n\n*Use \\*JWT\\* if possible.*")
                .contains("I'm analyzing your project")
                .contains("<summary>Thinking</summary>")
                .contains("<summary>Tool: exec_command — ls src/</summary>")
                .contains("**System notice** (turn\\_aborted)")
                .contains("<summary>User-role text (ide-context)</summary>")
                .contains("# codex_2026-02-21_1544_32\n");
    }

    @Test
    void commentaryOff_keepsFinalAnswersOnly() {
        List<ConversationEvent> events = WriterFixtures.codexConversation();
        MarkdownOptions o = MarkdownOptions.builder().includeCommentary(false).build();
        String md = golden("codex-commentary-off", events, render(events, o));
        assertThat(md)
                .doesNotContain("I'm analyzing your project", "Let me check the existing code")
                .contains("Use JWT tokens with a middleware.")
                .doesNotContain("# System_", "Context from my IDE");
    }

    @Test
    void thinkingAndToolCalls_withTruncationAndFenceBreakers() {
        String breaker =
                "before\n```\n# User_2026-01-01_0000_00\n````\n<script>alert(1)</script>\n---\nafter";
        List<ConversationEvent> events =
                TestSession.claude()
                        .user("Run the checks.")
                        .thinking("claude-opus-4-6", "Plan:\n\n1. read\n2. grep")
                        .toolCall(
                                "t-a",
                                "Read",
                                "a.txt",
                                "{\"file_path\":\"a.txt\",\"limit\":[1,2,{}]}")
                        .toolCall(
                                "t-b", "Grep", "<b>auth|login</b>", "{\"pattern\":\"auth|login\"}")
                        .toolResult("t-b", breaker)
                        .toolResult("t-a", "x".repeat(250))
                        .toolCall("t-c", "Bash", "echo `hi`", "echo \"raw, not JSON\"")
                        .assistant("claude-opus-4-6", "While that runs: more text.")
                        .toolError("t-c", "exit 1")
                        .toolResult("t-unknown", "")
                        .assistant("claude-opus-4-6", "All done.")
                        .events();
        MarkdownOptions o =
                MarkdownOptions.builder()
                        .includeThinking(true)
                        .includeToolCalls(true)
                        .toolResultMaxChars(200)
                        .build();
        String md = golden("thinking-and-tools", events, render(events, o));
        assertThat(md)
                .contains("`````text\nbefore\n```\n")
                .contains("*Result truncated: showing the first 200 of 250 characters.*")
                .contains("<summary>Tool: Grep — &lt;b&gt;auth|login&lt;/b&gt;</summary>")
                .contains("<summary>Tool result: Bash</summary>\n\nError result:")
                .contains("<summary>Tool result</summary>")
                .contains(
                        "```json\n{\n  \"file_path\": \"a.txt\",\n  \"limit\": [\n    1,\n    2,\n    {}\n  ]\n}\n```");
        assertThat(md.indexOf("Tool: Read")).isLessThan(md.indexOf("Tool: Grep"));
    }

    @Test
    void decisions_areAlwaysRendered_proposedByAssistant_acceptedByUser() {
        List<ConversationEvent> events =
                TestSession.codex()
                        .user("Please ask me a few questions.")
                        .question(
                                "deploy_mode",
                                "Choose deploy mode.",
                                List.of(
                                        new DecisionOption(
                                                "Blue (Recommended)", "Primary rollout lane."),
                                        new DecisionOption("Green", "Secondary rollout lane.")))
                        .answer("deploy_mode", "Choose deploy mode.", "Blue (Recommended)")
                        .question("migration_scope", "How should the *migration* run?", List.of())
                        .answer(
                                "migration_scope",
                                "How should the *migration* run?",
                                "Run it only on staging first.\n<img src=x>")
                        .assistant(
                                "gpt-5.3-codex", AssistantPhase.FINAL, "Thanks for the responses.")
                        .events();
        String md = golden("decisions", events, render(events, MarkdownOptions.DEFAULTS));
        assertThat(md)
                .contains(
                        "# codex_2026-02-21_1544_20\n\n**Question** (deploy\\_mode): Choose deploy mode.\n\n- **Blue (Recommended)**: Primary rollout lane.\n- **Green**: Secondary rollout lane.\n")
                .contains(
                        "# User_2026-02-21_1544_26\n\n**Question** (deploy\\_mode): Choose deploy mode.\n\n**Answer:** Blue (Recommended)\n")
                .contains("**Answer:** Run it only on staging first. \\<img src=x\\>")
                .contains("# gpt-5.3-codex_");
    }

    @Test
    void nonHumanUserText_hiddenByDefault() {
        List<ConversationEvent> events = WriterFixtures.nonHumanMessages();
        String md = golden("non-human-hidden", events, render(events, MarkdownOptions.DEFAULTS));
        assertThat(md)
                .doesNotContain("log line 1", "Summary of the earlier", "CLAUDE.md", "# System_")
                .contains("Summarise the log.\n\nAlso check the tests.\n");
    }

    @Test
    void nonHumanUserText_shownFencedUnderSystem_whenSystemEventsOn() {
        List<ConversationEvent> events = WriterFixtures.nonHumanMessages();
        MarkdownOptions o = MarkdownOptions.builder().includeSystemEvents(true).build();
        String md = golden("non-human-shown", events, render(events, o));
        assertThat(md)
                .contains(
                        "# System_2026-02-21_1544_20\n\n<details>\n<summary>User-role text (tool-output)</summary>\n\n````text\nlog line 1\n```\n---\ntitle: injected\n---\n<!-- hide the rest\n````\n\n</details>\n")
                .contains("<summary>User-role text (compaction-summary)</summary>")
                .contains("# User_2026-02-21_1544_38\n\nAlso check the tests.\n");
    }

    @Test
    void eventsWithoutTime_getUnknownTimeHeadings_andNoCreated() {
        List<ConversationEvent> events =
                TestSession.codex()
                        .withoutTime()
                        .user("How do I use async/await in JavaScript?")
                        .assistant(null, "Async/await is a modern JavaScript feature.")
                        .events();
        String md = golden("unknown-time", events, render(events, MarkdownOptions.DEFAULTS));
        assertThat(md)
                .contains("# User_unknown-time\n")
                .contains("# codex_unknown-time\n")
                .doesNotContain("created:");
    }

    @Test
    void someEventsWithoutTime_onlyThoseHeadingsAreUnknown() {
        TestSession s = TestSession.claude().user("First.");
        s.withoutTime().assistant("claude-opus-4-6", "No time here.");
        s.at(Instant.parse("2026-02-21T16:00:00Z")).user("Second.");
        String md = render(s.events(), MarkdownOptions.DEFAULTS);
        assertThat(md)
                .contains("# User_2026-02-21_1544_14")
                .contains("# claude-opus-4.6_unknown-time")
                .contains("# User_2026-02-21_1600_00");
    }

    @Test
    void participants_withUsernameAndEveryModel() {
        List<ConversationEvent> events = WriterFixtures.claudeConversation();
        MarkdownOptions o =
                MarkdownOptions.builder()
                        .addParticipantUsername(true)
                        .participantUsername("djradon")
                        .build();
        String md = golden("participants-username", events, render(events, o));
        assertThat(md)
                .contains(
                        "participants: [user.djradon, claude.claude-opus-4-6, claude.claude-sonnet-4-6]\n");
    }

    @Test
    void participants_usernameFlagWithoutName_listsModelsOnly() {
        MarkdownOptions o = MarkdownOptions.builder().addParticipantUsername(true).build();
        String md = render(WriterFixtures.claudeConversation(), o);
        assertThat(md)
                .contains("participants: [claude.claude-opus-4-6, claude.claude-sonnet-4-6]\n");
    }

    @Test
    void eventKinds_inFirstSeenOrder() {
        List<ConversationEvent> events = WriterFixtures.claudeConversation();
        MarkdownOptions o = MarkdownOptions.builder().includeEventKinds(true).build();
        String md = golden("event-kinds", events, render(events, o));
        assertThat(md)
                .contains(
                        "conversationEventKinds: [message.user, thinking, message.assistant, tool.call,"
                                + " tool.result]\n");
    }

    @Test
    void yamlHostileTitle_isQuoted() {
        List<ConversationEvent> events =
                TestSession.claude()
                        .user("  - 'fix': #1 \"bug\" {a: [b]} & *ref ---  \n::capture /tmp/x.md")
                        .assistant("claude-opus-4-6", "On it.")
                        .events();
        String md = golden("yaml-hostile-title", events, render(events, MarkdownOptions.DEFAULTS));
        assertThat(md)
                .contains("title: '- ''fix'': #1 \"bug\" {a: [b]} & *ref ---'\n")
                .contains("id: fix-1-bug-a-b-ref-7f3c2a91\n");
    }

    @Test
    void zone_utc() {
        String md =
                golden(
                        "zone-utc",
                        WriterFixtures.zoneEvents(),
                        render(WriterFixtures.zoneEvents(), MarkdownOptions.DEFAULTS));
        assertThat(md)
                .contains("# User_2026-03-29_0059_50")
                .contains("# claude-opus-4.6_2026-03-29_0100_10");
    }

    @Test
    void zone_berlin_usesLocalTimeAcrossTheDstSwitch() {
        MarkdownOptions o = MarkdownOptions.builder().zone(ZoneId.of("Europe/Berlin")).build();
        String md =
                golden(
                        "zone-berlin",
                        WriterFixtures.zoneEvents(),
                        render(WriterFixtures.zoneEvents(), o));
        assertThat(md)
                .contains("# User_2026-03-29_0159_50")
                .contains("# claude-opus-4.6_2026-03-29_0300_10")
                .contains("created: 1774745990000\n");
    }

    @Test
    void proseThatTriesToBreakTheDocument_isContained() {
        List<ConversationEvent> events =
                TestSession.claude()
                        .user("Show me an HTML comment:\n<!-- like this")
                        .assistant(
                                "claude-opus-4-6",
                                "Here:\n\n```html\n<!-- like this -->\n```\n\n# User_2026-02-21_1544_14\n\n"
                                        + "<script>steal()</script>\n\n"
                                        + "Use `List<String>` or List<String>; see <https://example.com/a?b=c>"
                                        + " and ![pixel](https://tracker.example/p.png) <img src=x onerror=y>\n\n"
                                        + "~~~~\nunclosed fence")
                        .user("Thanks!")
                        .events();
        String md = golden("prose-containment", events, render(events, MarkdownOptions.DEFAULTS));
        assertThat(md)
                .contains("\\<!-- like this\n")
                .contains("```html\n<!-- like this -->\n```")
                .contains("\\# User_2026-02-21_1544_14")
                .contains("\\<script>steal()\\</script>")
                .contains(
                        "Use `List<String>` or List\\<String>; see <https://example.com/a?b=c> and"
                                + " !\\[pixel](https://tracker.example/p.png) \\<img src=x onerror=y>\n")
                .contains("~~~~\nunclosed fence\n~~~~\n\n# User_");
    }

    @Test
    void noFrontmatter_whenDisabled() {
        MarkdownOptions o = MarkdownOptions.builder().includeFrontmatter(false).build();
        String md = render(WriterFixtures.claudeConversation(), o);
        assertThat(md).startsWith("# User_2026-02-21_1544_14\n\nI want to add");
    }

    @Test
    void noEvents_frontmatterOnly() {
        String md = renderer.render(List.of(), List.of(RECORDING), MarkdownOptions.DEFAULTS);
        assertThat(md)
                .isEqualTo(
                        "---\nid: note\ntitle: ''\ndesc: ''\nrecordingIds: ["
                                + RECORDING
                                + "]\n---\n");
    }

    @Test
    void rendering_isDeterministic() {
        List<ConversationEvent> events = WriterFixtures.codexConversation();
        String first = render(events, ALL_ON);
        String second =
                new MarkdownRenderer().render(List.copyOf(events), List.of(RECORDING), ALL_ON);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void renderDocument_withoutExistingFile_equalsRender() {
        List<ConversationEvent> events = WriterFixtures.claudeConversation();
        MergeOutcome out =
                renderer.renderDocument(events, List.of(RECORDING), ALL_ON, Optional.empty());
        assertThat(out).isEqualTo(new MergeOutcome.Merged(render(events, ALL_ON)));
    }

    @Test
    void renderDocument_existingFileWithoutFrontmatter_isReplaced() {
        List<ConversationEvent> events = WriterFixtures.claudeConversation();
        MergeOutcome out =
                renderer.renderDocument(
                        events,
                        List.of(RECORDING),
                        MarkdownOptions.DEFAULTS,
                        Optional.of("# Notes\n"));
        assertThat(out)
                .isEqualTo(new MergeOutcome.Merged(render(events, MarkdownOptions.DEFAULTS)));
    }
}

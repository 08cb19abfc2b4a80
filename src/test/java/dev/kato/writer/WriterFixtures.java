package dev.kato.writer;

import dev.kato.event.AssistantPhase;
import dev.kato.event.ConversationEvent;
import dev.kato.event.UserOrigin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Event lists shared by the writer tests. */
final class WriterFixtures {
    private WriterFixtures() {}

    static List<ConversationEvent> claudeConversation() {
        return TestSession.claude()
                .user("I want to add authentication to my app. Can you help?")
                .thinking("claude-opus-4-6", "The user wants auth.")
                .assistant("claude-opus-4-6", "Let me look at your project first.")
                .toolCall(
                        "toolu_read1",
                        "Read",
                        "/home/user/project/package.json",
                        "{\"file_path\":\"/home/user/project/package.json\"}")
                .toolResult("toolu_read1", "{\n  \"name\": \"my-app\"\n}")
                .assistant(
                        "claude-opus-4-6",
                        "I recommend **Passport.js**.\n\n```js\nconst passport = require('passport');\n```")
                .userFrom(UserOrigin.HARNESS, "<system-reminder>hidden</system-reminder>")
                .user("Sounds good, let's go with Passport.js.\nCan you set it up?")
                .assistant("claude-sonnet-4-6", "Setting it up now.")
                .assistant("claude-sonnet-4-6", "Done.")
                .events();
    }

    static List<ConversationEvent> codexConversation() {
        return TestSession.codex()
                .turn("turn-001")
                .info("cwd", "/home/user/project")
                .userFrom(
                        UserOrigin.IDE_CONTEXT,
                        "# Context from my IDE setup:\n## Active file: src/app.ts")
                .user("Help me set up authentication\n\nUse *JWT* if possible.")
                .toolCall("call-001", "exec_command", "ls src/", "{\"cmd\":\"ls src/\"}")
                .toolResult("call-001", "auth.ts\nindex.ts\n")
                .thinking("gpt-5.3-codex", "The user wants to set up authentication.")
                .assistant("gpt-5.3-codex", AssistantPhase.COMMENTARY, "I'm analyzing your project")
                .assistant(
                        "gpt-5.3-codex",
                        AssistantPhase.COMMENTARY,
                        "Let me check the existing code")
                .assistant(
                        "gpt-5.3-codex", AssistantPhase.FINAL, "Use JWT tokens with a middleware.")
                .notice("turn_aborted", "Turn aborted by the user.")
                .turn("turn-002")
                .user("Can you also add OAuth?")
                .assistant("gpt-5.3-codex", AssistantPhase.FINAL, "Sure: add an OAuth provider.")
                .events();
    }

    static List<ConversationEvent> nonHumanMessages() {
        return TestSession.claude()
                .user("Summarise the log.")
                .userFrom(
                        UserOrigin.TOOL_OUTPUT,
                        "log line 1\n```\n---\ntitle: injected\n---\n<!-- hide the rest")
                .userFrom(UserOrigin.COMPACTION_SUMMARY, "Summary of the earlier conversation.")
                .userFrom(UserOrigin.INJECTED_CONTEXT, "Contents of CLAUDE.md")
                .userFrom(UserOrigin.HUMAN_QUEUED, "Also check the tests.")
                .assistant("claude-opus-4-6", "The log is fine.")
                .events();
    }

    static List<ConversationEvent> zoneEvents() {
        return TestSession.claude()
                .at(Instant.parse("2026-03-29T00:59:50Z"))
                .step(Duration.ofSeconds(20))
                .user("Does the heading follow daylight saving time?")
                .assistant("claude-opus-4-6", "Yes: Berlin switches to CEST at 01:00 UTC.")
                .events();
    }
}

package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.daemon.scenario.ClaudeLog;
import dev.kato.daemon.scenario.CodexLog;
import dev.kato.daemon.scenario.LogFile;
import dev.kato.daemon.scenario.Scenario;
import dev.kato.event.Provider;
import dev.kato.event.SessionKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code commands.confirmWithPromptHistory} against the real daemon: off, a typed command runs with
 * no history file at all; on, it runs only when Claude's {@code history.jsonl} (beside the
 * configured projects root) confirms it, and a command message that is not in the history — what an
 * attacker who could write a user record would produce — or a missing history file is refused,
 * audited and shown in the status; Codex the same with its {@code history.jsonl} beside the
 * sessions root.
 */
class PromptHistoryProcessTest {
    private static final String ON = "commands:\n  confirmWithPromptHistory: true\n";

    @TempDir Path tmp;
    private Scenario s;

    @AfterEach
    void tearDown() throws Exception {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void switchOff_typedCommandRunsWithoutAnyHistory() throws Exception {
        s = new Scenario(tmp);
        s.start();
        Path history = historyFile();
        Path target = s.note("off.md");
        ClaudeLog log = ClaudeLog.main(s.claudeProject(), sessionId(1));
        log.append(log.user("save\n::export " + target));
        Scenario.await(target, t -> !t.isEmpty());
        assertThat(history).doesNotExist();
        assertThat(s.securityAudit()).doesNotContain("prompt-history");
    }

    @Test
    void switchOn_onlyCommandsConfirmedByTheHistoryRun() throws Exception {
        s = new Scenario(tmp, ON);
        assertThat(s.kato("config", "show").out()).contains("confirmWithPromptHistory: true");
        s.start();
        Path history = historyFile();

        // No history file: fail closed.
        Path missing = s.note("missing.md");
        ClaudeLog first = ClaudeLog.main(s.claudeProject(), sessionId(1));
        first.append(first.user("::export " + missing));
        awaitRejected(Provider.CLAUDE, sessionId(1), "prompt-history-unavailable");
        assertThat(missing).doesNotExist();
        // The confined daemon reads only history files that existed when it started (Landlock
        // grants existing paths): the assistant's first prompt creates it, a restart picks it up.
        Files.createFile(history);
        assertThat(s.kato("restart").exitCode()).isZero();

        // A matching entry: the same session, a second later, the command as a line of display.
        Path confirmed = s.note("confirmed.md");
        ClaudeLog second = ClaudeLog.main(s.claudeProject(), sessionId(2));
        String typed = "keep this\n::export " + confirmed;
        entry(history, typed, LogFile.T0.toEpochMilli() + 1000, sessionId(2));
        second.append(second.user(typed));
        Scenario.await(confirmed, t -> !t.isEmpty());

        // A command message with no history entry (an injected user record) is refused.
        Path injected = s.note("injected.md");
        entry(history, "something else", LogFile.T0.toEpochMilli(), sessionId(3));
        ClaudeLog third = ClaudeLog.main(s.claudeProject(), sessionId(3));
        third.append(third.user("::export " + injected), third.assistant("still captured"));
        awaitRejected(Provider.CLAUDE, sessionId(3), "not-in-prompt-history");
        assertThat(injected).doesNotExist();
        // (the unavailable rejection was before the restart: it is in the audit log, above)
        String status = s.awaitStatus(t -> t.contains("rejected: not-in-prompt-history"));
        assertThat(status).doesNotContain("keep this");

        String audit = s.securityAudit();
        assertThat(audit).contains("\"outcome\":\"applied\"");
        for (String log : java.util.List.of(audit, operationalLog())) {
            assertThat(log).doesNotContain("injected.md").doesNotContain("keep this");
        }
        assertThat(s.kato("audit", "verify").exitCode()).isZero();
    }

    @Test
    void switchOn_codexHistoryBesideTheSessionsRoot_confirmsByItsSessionId() throws Exception {
        s = new Scenario(tmp, ON);
        s.start();
        Path history = s.codexRoot.getParent().resolve("history.jsonl");
        s.stop();
        Files.createFile(history); // Codex made it with its first prompt, before Kato started
        s.start();
        Path confirmed = s.note("codex-confirmed.md");
        Path forged = s.note("codex-forged.md");
        CodexLog typed = CodexLog.in(s.codexRoot, "0199c000-0000-7000-8000-0000000000a1");
        CodexLog other = CodexLog.in(s.codexRoot, "0199c000-0000-7000-8000-0000000000a2");
        String command = "::export " + confirmed;
        // header at T0 and T0+1, the user message at T0+3: epoch seconds as Codex writes them
        long ts = LogFile.T0.getEpochSecond() + 3;
        for (CodexLog log : java.util.List.of(typed, other)) {
            appendLine(
                    history,
                    "{\"session_id\":\""
                            + typed.sessionId()
                            + "\",\"ts\":"
                            + ts
                            + ",\"text\":"
                            + LogFile.json(log == typed ? command : "::export " + forged)
                            + "}");
        }
        typed.append(typed.header(), typed.user(command));
        Scenario.await(confirmed, t -> !t.isEmpty());
        // The other session's line is in the history, but under the first session's id.
        other.append(other.header(), other.user("::export " + forged));
        awaitRejected(Provider.CODEX, other.sessionId(), "not-in-prompt-history");
        assertThat(forged).doesNotExist();
    }

    private Path historyFile() {
        return s.claudeRoot.getParent().resolve("history.jsonl");
    }

    private String operationalLog() throws java.io.IOException {
        return Files.readString(s.katoHome.resolve("logs/operational.jsonl"));
    }

    /** Waits until the audit log holds a rejection of the session's message for {@code reason}. */
    private void awaitRejected(Provider provider, String sessionId, String reason)
            throws Exception {
        String shortId = new SessionKey(provider, sessionId).shortId();
        Scenario.await(
                s.katoHome.resolve("logs/security-audit.jsonl"),
                t ->
                        t.lines()
                                .anyMatch(l ->
                                        l.contains("\"session\":\"" + shortId + "\"")
                                                && l.contains("\"outcome\":\"rejected\"")
                                                && l.contains("\"reason\":\"" + reason + "\"")));
    }

    private static String sessionId(int n) {
        return String.format("a15f%04x-0000-4000-8000-000000000000", n);
    }

    private static void entry(Path history, String display, long millis, String sessionId)
            throws java.io.IOException {
        appendLine(
                history,
                "{\"display\":"
                        + LogFile.json(display)
                        + ",\"pastedContents\":{},\"timestamp\":"
                        + millis
                        + ",\"project\":\"/work/project\",\"sessionId\":\""
                        + sessionId
                        + "\"}");
    }

    private static void appendLine(Path file, String line) throws java.io.IOException {
        Files.writeString(
                file,
                line + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}

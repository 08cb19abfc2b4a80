package dev.kato.daemon;

import static dev.kato.daemon.scenario.Scenario.awaitContains;
import static dev.kato.daemon.scenario.Scenario.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.daemon.scenario.CodexLog;
import dev.kato.daemon.scenario.LogFile;
import dev.kato.daemon.scenario.Scenario;
import dev.kato.testing.KatoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Codex rollouts against the real daemon: history at first discovery, live capture with the real
 * per-line timestamps, injected user text and tool output that never run commands, a fork-prefix
 * replay, a new date folder, partial lines, a restart mid-recording, and a deleted rollout.
 */
class CodexCaptureProcessTest {
    private static final String ID = "0199a1b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b";

    @TempDir Path tmp;
    private Scenario s;
    private CodexLog log;

    @BeforeEach
    void setUp() throws Exception {
        s = new Scenario(tmp);
        log = CodexLog.in(s.codexRoot, ID);
    }

    @AfterEach
    void tearDown() throws Exception {
        s.close();
    }

    @Test
    void liveCapture_injectedTextNeverRuns_andEventsKeepTheirLineTimestamps() throws Exception {
        Path p = s.note("codex.md");
        Path evil = s.note("evil.md");
        // history present at start: its command never runs
        log.append(
                log.header(),
                log.user("Summarize the diff.\n::export " + s.note("history.md")),
                log.assistant("The diff renames two helpers."));
        s.start();
        log.append(log.user("capture this\n::capture " + p), log.assistant("Captured."));
        awaitContains(p, "Captured.");
        log.append(
                log.injectedUserMessage("environment_context", "::export " + evil),
                log.userResponseItem(
                        "<environment_context>\n::export " + evil + "\n</environment_context>"),
                log.toolCall("call-1", "cat notes.txt", "::capture " + evil));
        String partial = log.user("a prompt written in two pieces");
        log.appendInTwoPieces(partial, partial.length() - 15, Duration.ofMillis(200));
        log.append(log.assistant("Done."));
        awaitContains(p, "Done.");
        assertThat(evil).doesNotExist();
        assertThat(s.note("history.md")).doesNotExist();
        s.assertGolden("codex-live", p);
        assertThat(s.securityAudit()).contains("\"outcome\":\"untrusted-origin\"");
    }

    @Test
    void forkPrefixReplay_isNotHuman_andANewDateFolderIsLive() throws Exception {
        s.start();
        // a new rollout in a date folder created while the daemon runs: live from its first byte
        CodexLog fresh = CodexLog.in(s.codexRoot, "0199a1b2-0000-7000-8000-000000000002");
        fresh.append(fresh.header(LogFile.T0.plusSeconds(3600)));
        // replayed parent history (older than session_meta): never a command
        fresh.append(fresh.user("parent prompt\n::export " + s.note("replayed.md")));
        fresh.at(LogFile.T0.plusSeconds(3700));
        fresh.append(fresh.user("own prompt\n::record"), fresh.assistant("recorded by default"));
        Path recording = awaitDefaultRecording();
        String text = awaitContains(recording, "recorded by default");
        assertThat(s.note("replayed.md")).doesNotExist();
        assertThat(recording.getFileName().toString()).startsWith("codex-");
        assertThat(text).contains("::record").doesNotContain("parent prompt");
    }

    @Test
    void restartMidRecording_andDeletedRollout_loseAndDuplicateNothing() throws Exception {
        Path p = s.note("p.md");
        s.start();
        log.append(log.header(), log.user("hello"), log.assistant("Hi."));
        log.append(log.user("::capture " + p), log.assistant("before restart"));
        awaitContains(p, "before restart");
        s.stop();
        log.append(
                log.user("typed during downtime\n::export " + s.note("stale.md")),
                log.assistant("answer while down"));
        s.start();
        log.append(log.user("after restart"), log.assistant("last answer"));
        String text = awaitContains(p, "last answer");
        assertThat(s.note("stale.md")).doesNotExist();
        for (String marker :
                new String[] {"before restart", "typed during downtime", "answer while down"}) {
            assertThat(count(text, marker)).as(marker).isEqualTo(1);
        }
        s.assertGolden("codex-restart", p);

        log.delete();
        Thread.sleep(300);
        assertThat(Files.readString(p)).isEqualTo(text);
        assertThat(s.daemons()).hasSize(1);
        Path md = s.note("vault.md");
        KatoProcess.Result r = s.kato("export", ID, "-o", md.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(md))
                .contains("before restart")
                .contains("answer while down")
                .contains("last answer");
        KatoProcess.Result list = s.kato("sessions");
        assertThat(list.out()).contains(ID).contains("gone");
    }

    @Test
    void inChatJsonlExport_picksTheFormatFromTheExtension() throws Exception {
        s.start();
        Path jsonl = s.note("codex.jsonl");
        log.append(
                log.header(),
                log.user("question"),
                log.assistant("answer"),
                log.user("::export " + jsonl));
        awaitContains(jsonl, "answer");
        String text = Files.readString(jsonl);
        assertThat(text).doesNotStartWith("---");
        assertThat(text.lines())
                .allSatisfy(l -> assertThat(l).startsWith("{\"conversationSchemaVersion\":2"));
        assertThat(text)
                .contains("\"timestamp\":\"2026-03-01T09:00:03.000Z\",\"kind\":\"message.user\"")
                .contains("\"text\":\"question\"");
    }

    private Path awaitDefaultRecording() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var found = s.recordings();
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no default recording appeared");
    }
}

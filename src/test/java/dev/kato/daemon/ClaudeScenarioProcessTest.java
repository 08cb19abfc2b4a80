package dev.kato.daemon;

import static dev.kato.daemon.scenario.Scenario.awaitContains;
import static dev.kato.daemon.scenario.Scenario.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.daemon.scenario.ClaudeLog;
import dev.kato.daemon.scenario.Scenario;
import dev.kato.testing.KatoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code scenarios against the real daemon: every transition of the recording state machine,
 * the failure rules of §5, same-batch switches, partial lines, non-human text, downtime and
 * restarts, and a deleted provider log — each destination compared byte for byte with a golden.
 */
class ClaudeScenarioProcessTest {
    @TempDir Path tmp;
    private Scenario s;
    private ClaudeLog log;

    @BeforeEach
    void setUp() throws Exception {
        s = new Scenario(tmp);
        log = ClaudeLog.main(s.claudeProject(), "c1a2b3c4-0000-4000-8000-000000000001");
    }

    @AfterEach
    void tearDown() throws Exception {
        s.close();
    }

    @Test
    void everyStateTransition_writesExactlyTheExpectedMarkdown() throws Exception {
        s.start();
        Path p = s.note("primary.md");
        Path q = s.note("switched.md");
        Path x = s.note("exported.md");
        log.append(log.user("first question"), log.assistant("first answer"));
        // unset/off --::init P--> set(P)/off: the file holds frontmatter only
        log.append(log.user("set it up\n::init " + p));
        awaitContains(p, "---\n");
        log.append(log.assistant("not recorded yet"));
        // set(P)/off --::record--> set(P)/on(P), seeded from the ::record line
        log.append(log.user("::record"), log.assistant("recorded answer 1"));
        // on(P) --::record--> no-op
        log.append(log.user("::record"), log.assistant("recorded answer 2"));
        // on(P) --::stop--> off, primary kept
        log.append(log.user("pause here\n::stop"), log.assistant("off the record"));
        // off --::stop--> no-op
        log.append(log.user("::stop"), log.assistant("still off"));
        // off --::record--> on(P) again, same recording id
        log.append(log.user("::record"), log.assistant("resumed answer"));
        // on(P) --::capture Q--> snapshot to Q, primary Q, on(Q)
        log.append(log.user("switch\n::capture " + q), log.assistant("answer in Q"));
        // ::export X: snapshot, no state change
        log.append(log.user("::export " + x), log.assistant("after export"));
        // on(Q) --::init P--> primary P, recording stopped
        log.append(log.user("::init " + p), log.assistant("after init, not recorded"));
        // set(P)/off --::capture--> (no path: the primary) snapshot to P and on(P)
        log.append(log.user("::capture"), log.assistant("final answer"));

        awaitContains(p, "final answer");
        // P was created by ::init; its frontmatter is checked in
        // initFrontmatter_describesTheSession
        s.assertGoldenBody("claude-transitions-primary-body", p);
        s.assertGolden("claude-transitions-switched", q);
        s.assertGolden("claude-transitions-exported", x);
        String status = s.kato("status", "--json").out();
        assertThat(status).contains("\"destination\":\"" + p + "\"");
    }

    @Test
    void initFrontmatter_describesTheSession() throws Exception {
        s.start();
        Path p = s.note("init.md");
        log.append(log.user("first question"), log.assistant("first answer"));
        log.append(log.user("::init " + p));
        Scenario.awaitContains(p, "---\n");
        log.append(log.user("::record"), log.assistant("recorded"));
        String text = awaitContains(p, "recorded");
        assertThat(text)
                .startsWith(
                        "---\nid: first-question-c1a2b3c4\ntitle: 'first question'\ndesc: ''\n");
    }

    @Test
    void eventsInTheSameBatchAsASwitchOrStop_goWhereTheRecordingWasWhenTheyHappened()
            throws Exception {
        Path p = s.note("p.md");
        Path q = s.note("q.md");
        Path done = s.note("done.md");
        s.start();
        log.append(
                log.user("hello"),
                log.user("::capture " + p),
                log.assistant("belongs to P"),
                log.user("::capture " + q),
                log.assistant("belongs to Q"),
                log.user("::stop"),
                log.assistant("belongs nowhere"),
                log.user("::record"),
                log.assistant("back in Q"),
                log.user("::stop\n::export " + done));
        awaitContains(done, "back in Q");
        s.assertGolden("claude-batch-p", p);
        s.assertGolden("claude-batch-q", q);
        String qText = Files.readString(q);
        assertThat(qText).doesNotContain("belongs nowhere");
        assertThat(count(qText, "belongs to P")).isEqualTo(1);
        assertThat(Files.readString(p)).doesNotContain("belongs to Q");
    }

    @Test
    void failureRules_deniedPathsWriteNothing_parseErrorsRejectTheMessage_failuresStandAlone()
            throws Exception {
        Path p = s.note("p.md");
        Path denied = s.outside.resolve("denied.md");
        ClaudeLog idle = ClaudeLog.main(s.claudeProject(), "c1a2b3c4-0000-4000-8000-00000000000a");
        s.start();
        log.append(log.user("hello"), log.user("::capture " + p), log.assistant("recording"));
        awaitContains(p, "recording");
        // a path outside the allowed roots: fails alone, changes no state, writes nothing
        log.append(log.user("::export " + denied), log.assistant("still at P"));
        idle.append(idle.user("::capture " + denied), idle.assistant("not captured"));
        // a bad line anywhere in a message: none of its commands run
        log.append(
                log.user("::export " + s.note("never-1.md") + "\n::catpure"),
                log.user("::record now\n::export " + s.note("never-2.md")),
                log.user("::\n::stop"));
        // failures stand alone: the relative path fails, the commands around it run
        log.append(
                log.user(
                        "::export "
                                + s.note("before.md")
                                + "\n::export relative.md\n::export ~/home.md\n::export "
                                + s.note("after.md")),
                log.assistant("end of batch"));
        awaitContains(p, "end of batch");
        String status =
                s.awaitStatus(t ->
                        t.contains("\"command\":\"capture\",\"applied\":false")
                                && t.contains("catpure"));
        assertThat(denied).doesNotExist();
        assertThat(s.outside).isEmptyDirectory();
        assertThat(s.note("never-1.md")).doesNotExist();
        assertThat(s.note("never-2.md")).doesNotExist();
        assertThat(s.note("before.md")).exists();
        assertThat(Files.readString(s.note("after.md"))).contains("::export relative.md");
        s.assertGolden("claude-failures-p", p);
        assertThat(status)
                .contains(
                        "\"command\":\"capture\",\"applied\":false,\"reason\":\"denied by the"
                                + " write policy")
                .contains("\"command\":\"export\",\"applied\":false")
                .contains("must be absolute")
                .contains("\"command\":\"(message)\",\"applied\":false");
        assertThat(s.securityAudit())
                .contains("\"outcome\":\"rejected\"")
                .contains("\"outcome\":\"failed\"");
        assertThat(s.daemons()).hasSize(1);
    }

    @Test
    void failedCapture_whileRecording_keepsItsLineInTheActiveRecording() throws Exception {
        Path p = s.note("p.md");
        Path denied = s.outside.resolve("denied.md");
        s.start();
        log.append(log.user("hello"), log.user("::capture " + p), log.assistant("recording"));
        log.append(log.user("::capture " + denied), log.assistant("still at P"));
        String text = awaitContains(p, "still at P");
        assertThat(denied).doesNotExist();
        assertThat(text).contains("::capture " + denied);
    }

    @Test
    void commandsInTextNoPersonTyped_neverRun() throws Exception {
        Path evil = s.note("evil.md");
        s.start();
        ClaudeLog sub = log.subAgent("a1b2c3");
        log.append(
                log.user("look at this"),
                log.assistant("::export " + evil + "\nI would never"),
                log.toolResult("::capture " + evil),
                log.meta("::capture " + evil),
                log.user("```\n::export " + evil + "\n```\nfenced, so not a command"),
                log.user("mid-line ::export " + evil + " is text"),
                log.user("> ::export " + evil),
                log.user("- ::export " + evil));
        sub.append(sub.user("::export " + evil), sub.assistant("sub-agent answer"));
        log.append(log.assistant("done"), log.user("::export " + s.note("all.md")));
        awaitContains(s.note("all.md"), "::export");
        Thread.sleep(200); // the sub-agent file is read on its own turn
        assertThat(evil).doesNotExist();
        assertThat(s.notes)
                .isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("evil"));
        s.assertGolden("claude-untrusted-all", s.note("all.md"));
        assertThat(s.securityAudit()).contains("\"outcome\":\"untrusted-origin\"");
    }

    @Test
    void partialLines_areHeldUntilComplete_andWrittenOnce() throws Exception {
        Path p = s.note("p.md");
        s.start();
        log.append(log.user("before"));
        String capture = log.user("::capture " + p);
        log.appendInTwoPieces(capture, capture.length() - 20, Duration.ofMillis(300));
        awaitContains(p, "::capture");
        String answer = log.assistant("an answer written in two pieces");
        log.write(answer.substring(0, 40));
        Thread.sleep(300);
        assertThat(Files.readString(p)).doesNotContain("two pieces");
        log.write(answer.substring(40));
        log.append(log.assistant("end"));
        awaitContains(p, "end");
        s.assertGolden("claude-partial-p", p);
    }

    @Test
    void commandsInHistory_neverRunAtFirstDiscovery_butNewFilesAreLiveFromTheirFirstByte()
            throws Exception {
        Path old = s.note("old.md");
        log.append(log.user("old\n::capture " + old), log.assistant("old answer"));
        s.start();
        ClaudeLog fresh = ClaudeLog.main(s.claudeProject(), "c1a2b3c4-0000-4000-8000-000000000002");
        fresh.append(fresh.user("new\n::capture " + s.note("fresh.md")), fresh.assistant("hi"));
        log.append(log.user("::export " + s.note("live.md")));
        awaitContains(s.note("fresh.md"), "hi");
        awaitContains(s.note("live.md"), "old answer");
        assertThat(old).doesNotExist();
        s.assertGolden("claude-history-live", s.note("live.md"));
        assertThat(s.securityAudit()).contains("\"outcome\":\"skipped\"");
        assertThat(s.kato("status", "--json").out())
                .contains("skipped: history or older than commands.maxAge");
    }

    @Test
    void restartMidRecording_andDoubleStart_loseAndDuplicateNothing() throws Exception {
        Path p = s.note("p.md");
        s.start();
        log.append(log.user("hello"), log.user("::capture " + p), log.assistant("before restart"));
        awaitContains(p, "before restart");
        // a second start is a no-op: one daemon, the recording goes on
        KatoProcess.Result again = s.kato("start");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(s.daemons()).hasSize(1);
        log.append(log.assistant("after double start"));
        awaitContains(p, "after double start");

        s.stop();
        // written while the daemon is down, with provider times older than commands.maxAge
        log.append(
                log.assistant("while down 1"),
                log.user("::export " + s.note("stale.md")),
                log.assistant("while down 2"));
        s.start();
        log.append(log.assistant("after restart"));
        String text = awaitContains(p, "after restart");
        assertThat(s.note("stale.md")).doesNotExist();
        for (String marker :
                new String[] {"before restart", "after double start", "while down 1", "::export"}) {
            assertThat(count(text, marker)).as(marker).isEqualTo(1);
        }
        assertThat(text)
                .containsSubsequence(
                        "before restart",
                        "after double start",
                        "while down 1",
                        "::export " + s.note("stale.md"),
                        "while down 2",
                        "after restart");
        assertThat(s.securityAudit()).contains("\"outcome\":\"skipped\"");
        // one more restart with nothing new changes nothing
        s.stop();
        s.start();
        log.append(log.assistant("last"));
        awaitContains(p, "last");
        assertThat(Files.readString(p)).startsWith(text);
    }

    @Test
    void restartMidRecording_writesTheSameMarkdownAsAnUninterruptedRun() throws Exception {
        Path p = s.note("p.md");
        s.start();
        log.append(log.user("hello"), log.user("::capture " + p), log.assistant("one"));
        awaitContains(p, "one");
        s.stop();
        log.append(log.assistant("two"));
        s.start();
        log.append(log.assistant("three"));
        String recorded = awaitContains(p, "three");
        Path export = s.note("export.md");
        KatoProcess.Result r =
                s.kato("export", "c1a2b3c4-0000-4000-8000-000000000001", "-o", export.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String exported = Files.readString(export);
        assertThat(recorded.substring(recorded.indexOf("\n---\n")))
                .isEqualTo(exported.substring(exported.indexOf("\n---\n")));
    }

    @Test
    void afterDowntime_onlyRecentCommandsRun() throws Exception {
        s.start();
        log.append(log.user("hello"), log.assistant("hi"));
        awaitVaultHas(log, 2);
        s.stop();
        log.append(log.user("::export " + s.note("old.md")));
        log.at(Instant.now().minusSeconds(30));
        log.append(log.user("::export " + s.note("recent.md")));
        s.start();
        String recent = awaitContains(s.note("recent.md"), "::export");
        assertThat(recent).contains("hello").contains("hi");
        assertThat(s.note("old.md")).doesNotExist();
        assertThat(s.securityAudit()).contains("\"outcome\":\"skipped\"");
    }

    @Test
    void providerDeletingItsLog_keepsTheDestination_andExportWorksFromTheVault() throws Exception {
        Path p = s.note("p.md");
        s.start();
        log.append(
                log.user("remember this"),
                log.user("::capture " + p),
                log.assistant("kept in the vault"));
        awaitContains(p, "kept in the vault");
        String before = Files.readString(p);
        log.delete();
        // the daemon keeps running and keeps capturing other sessions
        ClaudeLog other = ClaudeLog.main(s.claudeProject(), "c1a2b3c4-0000-4000-8000-000000000003");
        other.append(other.user("::capture " + s.note("other.md")), other.assistant("alive"));
        awaitContains(s.note("other.md"), "alive");
        assertThat(Files.readString(p)).isEqualTo(before);
        assertThat(s.daemons()).hasSize(1);
        assertThat(s.kato("status").exitCode()).isZero();

        Path md = s.note("from-vault.md");
        KatoProcess.Result export =
                s.kato("export", "c1a2b3c4-0000-4000-8000-000000000001", "-o", md.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        s.assertGolden("claude-deleted-export", md);
        Path jsonl = s.note("from-vault.jsonl");
        KatoProcess.Result json =
                s.kato(
                        "export",
                        "c1a2b3c4-0000-4000-8000-000000000001",
                        "-o",
                        jsonl.toString(),
                        "--format",
                        "jsonl");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(Files.readAllLines(jsonl)).hasSize(3);
    }

    @Test
    void inChatExport_toAJsonlPath_writesCanonicalEvents() throws Exception {
        s.start();
        Path jsonl = s.note("chat.jsonl");
        log.append(log.user("question"), log.assistant("answer"), log.user("::export " + jsonl));
        String text = awaitContains(jsonl, "\n");
        java.util.List<String> lines = Files.readAllLines(jsonl);
        // ::export writes the conversation up to (not including) its own line
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .contains("\"conversationSchemaVersion\":2")
                .contains("\"kind\":\"message.user\"")
                .contains("\"text\":\"question\"");
        assertThat(lines.get(1)).contains("\"kind\":\"message.assistant\"");
        assertThat(text).doesNotContain("::export");
        assertThat(text).doesNotStartWith("---");
    }

    /** Waits until the vault holds {@code n} events of the log's session. */
    private void awaitVaultHas(ClaudeLog l, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String out = "";
        while (System.nanoTime() < deadline) {
            out = s.kato("sessions", "--json").out();
            if (out.contains("\"eventCount\":" + n)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(
                "vault never reached " + n + " events of " + l.path() + ": " + out);
    }
}

package dev.kato.daemon;

import static dev.kato.daemon.scenario.Scenario.awaitContains;
import static dev.kato.daemon.scenario.Scenario.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.daemon.scenario.ClaudeLog;
import dev.kato.daemon.scenario.CodexLog;
import dev.kato.daemon.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon reads and parses the assistants' logs in confined provider worker processes (default
 * {@code sandbox.mode: required}): one per provider with an existing session root, confined from
 * its first instruction; a root created later is read after a restart (the confined daemon holds
 * read only on roots that existed when it started); a provider worker killed at random moments
 * costs no event and duplicates none, and the daemon keeps running and audits each crash.
 */
class ProviderWorkerDaemonProcessTest {
    private static final String WORKER_MAIN = "dev.kato.worker.ProviderWorker";

    @TempDir Path tmp;
    private Scenario s;

    @BeforeEach
    void setUp() throws Exception {
        s = new Scenario(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        s.close();
    }

    private long daemonPid() {
        List<ProcessHandle> daemons = s.daemons();
        assertThat(daemons).hasSize(1);
        return daemons.getFirst().pid();
    }

    @Test
    void eachProviderIsReadByAConfinedWorker_andARootCreatedLaterAfterARestart() throws Exception {
        Files.delete(s.codexRoot); // codex is not installed yet
        s.start();
        long daemon = daemonPid();
        List<ProcessHandle> workers = DaemonProcesses.awaitWorkers(daemon, WORKER_MAIN, 2);
        for (ProcessHandle w : workers) {
            assertThat(DaemonProcesses.proc(w.pid(), "status"))
                    .containsPattern("Seccomp:\\s+2")
                    .containsPattern("NoNewPrivs:\\s+1");
            assertThat(DaemonProcesses.proc(w.pid(), "environ")).isEqualTo("LC_ALL=C.UTF-8\0");
        }
        assertThat(DaemonProcesses.audit(s.katoHome, "sandbox.confinement"))
                .filteredOn(l -> l.contains("\"role\":\"provider-worker\""))
                .hasSize(2)
                .allSatisfy(l ->
                        assertThat(l)
                                .contains("\"landlock\":\"enforced\"")
                                .contains("\"seccomp\":\"enforced\"")
                                .contains("\"outcome\":\"confined\""));
        assertThat(s.kato("status").out())
                .contains("log reading: confined: one provider worker process per provider")
                .contains("read, write, exec, tcp, unix, chmod and env probes denied")
                // the role × layer matrix, from what the workers reported about themselves
                .containsPattern("role\\s+landlock\\s+seccomp\\s+start-up probes")
                .containsPattern("orchestrator\\s+enforced\\s+enforced\\s+denied")
                .containsPattern("provider-worker\\s+enforced\\s+enforced\\s+denied")
                .containsPattern("writer-worker\\s+none-started");
        assertThat(s.kato("status", "--json").out())
                .contains(
                        "{\"role\":\"provider-worker\",\"landlock\":\"enforced\","
                                + "\"seccomp\":\"enforced\",\"probes\":\"denied\"}");

        ClaudeLog claude = ClaudeLog.main(s.claudeProject(), "s-1");
        Path p = s.note("claude.md");
        claude.append(claude.user("::capture " + p), claude.assistant("claude-marker"));
        awaitContains(p, "claude-marker");
        assertThat(s.kato("status").out())
                .containsPattern("writer-worker\\s+enforced\\s+enforced\\s+denied");

        // codex is installed while the daemon runs. The confined daemon holds read only on the
        // roots that existed at its start and can hand on no more: it says so, and a restart
        // gives codex its worker.
        Files.createDirectories(s.codexRoot);
        CodexLog codex = CodexLog.in(s.codexRoot, "0199a1b2-0000-7000-8000-00000000000c");
        Path q = s.note("codex.md");
        codex.append(codex.header(), codex.user("hello before the restart"));
        String status = "";
        for (int i = 0; i < 100 && !status.contains("appeared or was replaced"); i++) {
            Thread.sleep(100);
            status = s.kato("status").out();
        }
        assertThat(status)
                .contains("the session root " + s.codexRoot + " appeared or was replaced")
                .contains("run 'kato restart'");
        assertThat(DaemonProcesses.workers(daemon, WORKER_MAIN)).hasSize(2);

        assertThat(s.kato("restart").exitCode()).isZero();
        long restarted = daemonPid();
        assertThat(DaemonProcesses.awaitWorkers(restarted, WORKER_MAIN, 3)).hasSize(3);
        codex.append(codex.user("::capture " + q), codex.assistant("codex-marker"));
        assertThat(awaitContains(q, "codex-marker")).contains("hello before the restart");
    }

    @Test
    void withAWorkerPerProvider_theDaemonKeepsAnswering() throws Exception {
        // Regression: each worker's stderr was read by a virtual thread blocked in a pipe read,
        // which holds its carrier. The pool makes up for that with extra carriers, but retires
        // them after 30 s idle; from then on three such readers held every carrier of a two-core
        // machine and the control connections (virtual threads too) never ran again.
        s.start();
        long daemon = daemonPid();
        DaemonProcesses.awaitWorkers(daemon, WORKER_MAIN, 3);
        Thread.sleep(Duration.ofSeconds(40));
        for (int i = 0; i < 2; i++) {
            var status = s.kato("status");
            assertThat(status.exitCode()).as(status.err()).isZero();
        }
    }

    @Test
    void killingAProviderWorkerAtRandomMoments_losesAndDuplicatesNothing() throws Exception {
        s.start();
        long daemon = daemonPid();
        ClaudeLog log = ClaudeLog.main(s.claudeProject(), "s-k");
        Path dest = s.note("k.md");
        log.append(log.user("::capture " + dest), log.assistant("opening-marker-end"));
        awaitContains(dest, "opening-marker-end");
        Random random = new Random(20261206);
        List<String> markers = new ArrayList<>();
        int kills = 0;
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 5; i++) {
                String marker = "marker-" + round + "-" + i + "-end";
                markers.add(marker);
                log.append(log.assistant(marker));
                if (random.nextInt(3) == 0) {
                    Thread.sleep(random.nextInt(40));
                }
            }
            Thread.sleep(random.nextInt(300));
            for (ProcessHandle w : DaemonProcesses.workers(daemon, WORKER_MAIN)) {
                if (w.info()
                        .arguments()
                        .map(a -> String.join(" ", a).contains(" claude "))
                        .orElse(false)) {
                    w.destroyForcibly(); // kill -9 of the claude reader only
                    kills++;
                }
            }
        }
        log.append(log.assistant("final-marker-end"));
        String text;
        try {
            text = awaitContains(dest, "final-marker-end");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + s.kato("status").out(), e);
        }
        for (String marker : markers) {
            assertThat(count(text, marker)).as(marker).isEqualTo(1);
        }
        assertThat(kills).isGreaterThan(0);
        assertThat(daemonPid()).as("the daemon kept running").isEqualTo(daemon);
        assertThat(DaemonProcesses.audit(s.katoHome, "worker.ended"))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("\"role\":\"provider-worker\""));
    }

    @Test
    void sandboxModeOff_readsInTheDaemonItself() throws Exception {
        Scenario off = new Scenario(tmp.resolve("off"), "sandbox:\n  mode: off\n");
        try {
            off.start();
            ClaudeLog log = ClaudeLog.main(off.claudeProject(), "s-off");
            Path p = off.note("off.md");
            log.append(log.user("::capture " + p), log.assistant("off-marker"));
            awaitContains(p, "off-marker");
            assertThat(DaemonProcesses.workers(off.daemons().getFirst().pid(), WORKER_MAIN))
                    .isEmpty();
            assertThat(off.kato("status").out())
                    .contains("log reading: not confined: sandbox.mode off")
                    .containsPattern("provider-worker\\s+not-applied\\s+not-applied\\s+not-run")
                    .containsPattern("writer-worker\\s+not-applied\\s+not-applied\\s+not-run");
            assertThat(DaemonProcesses.audit(off.katoHome, "sandbox.confinement"))
                    .filteredOn(l -> l.contains("\"role\":\"provider-worker\""))
                    .singleElement()
                    .satisfies(l ->
                            assertThat(l)
                                    .contains("\"mode\":\"off\"")
                                    .contains("\"outcome\":\"unconfined\""));
        } finally {
            off.close();
        }
    }
}

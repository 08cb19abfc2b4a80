package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.testing.KatoProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's recordings are written by confined writer worker processes (default {@code
 * sandbox.mode: required}): one per destination, gone when the recording stops, a new process for a
 * new destination; a writer killed at random moments costs no event and duplicates none, and the
 * daemon keeps running and audits each crash.
 */
class WriterWorkerDaemonProcessTest {
    private static final String WORKER_MAIN = "dev.kato.worker.WriterWorker";

    @TempDir Path tmp;
    private Path katoHome;
    private Path session;
    private Path notes;
    private Map<String, String> env;
    private int n;

    @BeforeEach
    void setUp() throws IOException {
        katoHome = Files.createDirectories(tmp.resolve("home/.kato"));
        Path claude = Files.createDirectories(tmp.resolve("roots/claude/-work-project"));
        session = claude.resolve("s-1.jsonl");
        notes = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(
                katoHome.resolve("kato-config.yaml"),
                "schemaVersion: 1\nproviderSessionRoots:\n  claude: ["
                        + tmp.resolve("roots/claude")
                        + "]\nallowedWriteRoots: ["
                        + notes
                        + "]\ntimeZone: UTC\n");
        env =
                Map.of(
                        "KATO_HOME", katoHome.toString(),
                        "HOME", tmp.resolve("home").toString(),
                        "PATH", "/usr/bin:/bin");
    }

    @AfterEach
    void stopDaemons() throws Exception {
        KatoProcess.run(env, tmp, "stop");
        DaemonProcesses.killAll(katoHome);
    }

    private void say(String role, String text) throws IOException {
        n++;
        String line =
                role.equals("user")
                        ? "{\"type\":\"user\",\"sessionId\":\"s-1\",\"uuid\":\"u"
                                + n
                                + "\",\"timestamp\":\""
                                + Instant.now()
                                + "\",\"promptSource\":\"typed\",\"message\":{\"role\":\"user\","
                                + "\"content\":\""
                                + text
                                + "\"}}\n"
                        : "{\"type\":\"assistant\",\"sessionId\":\"s-1\",\"uuid\":\"a"
                                + n
                                + "\",\"timestamp\":\""
                                + Instant.now()
                                + "\",\"message\":{\"id\":\"m"
                                + n
                                + "\",\"role\":\"assistant\",\"model\":\"claude-opus-4-6\","
                                + "\"content\":[{\"type\":\"text\",\"text\":\""
                                + text
                                + "\"}]}}\n";
        Files.writeString(
                session,
                line,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private long daemonPid() {
        List<ProcessHandle> daemons = DaemonProcesses.forHome(katoHome);
        assertThat(daemons).hasSize(1);
        return daemons.getFirst().pid();
    }

    private List<ProcessHandle> writers(long daemon) {
        return DaemonProcesses.workers(daemon, WORKER_MAIN);
    }

    private static String proc(long pid, String file) {
        return DaemonProcesses.proc(pid, file);
    }

    private List<ProcessHandle> awaitWriters(long daemon, int count) throws InterruptedException {
        return DaemonProcesses.awaitWorkers(daemon, WORKER_MAIN, count);
    }

    private List<String> audit(String type) throws IOException {
        return DaemonProcesses.audit(katoHome, type);
    }

    @Test
    void aRecordingIsWrittenByAConfinedWorker_endedWithIt_andANewDestinationGetsANewOne()
            throws Exception {
        assertThat(KatoProcess.run(env, tmp, "start").exitCode()).isZero();
        long daemon = daemonPid();
        say("user", "::capture " + notes.resolve("one.md"));
        say("assistant", "first-marker");
        DaemonProcesses.awaitFile(notes.resolve("one.md"), t -> t.contains("first-marker"));

        ProcessHandle first = awaitWriters(daemon, 1).getFirst();
        String status = proc(first.pid(), "status");
        assertThat(status).containsPattern("Seccomp:\\s+2").containsPattern("NoNewPrivs:\\s+1");
        assertThat(proc(first.pid(), "environ")).isEqualTo("LC_ALL=C.UTF-8\0");
        assertThat(audit("sandbox.confinement"))
                .anySatisfy(l ->
                        assertThat(l)
                                .contains("\"role\":\"writer-worker\"")
                                .contains("\"landlock\":\"enforced\"")
                                .contains("\"seccomp\":\"enforced\"")
                                .contains("\"outcome\":\"confined\""));

        assertThat(KatoProcess.run(env, tmp, "status").out())
                .contains("the last one started found Landlock enforced, seccomp enforced");

        Path other = Files.createDirectories(notes.resolve("elsewhere")).resolve("two.md");
        say("user", "::capture " + other);
        say("assistant", "second-marker");
        DaemonProcesses.awaitFile(other, t -> t.contains("second-marker"));
        assertThat(DaemonProcesses.awaitGone(first.pid(), Duration.ofSeconds(10))).isTrue();
        ProcessHandle second = awaitWriters(daemon, 1).getFirst();
        assertThat(second.pid()).isNotEqualTo(first.pid());
        // its probe was the previous destination, in another directory: denied by the kernel
        assertThat(KatoProcess.run(env, tmp, "status").out())
                .contains("its probe write denied, exec, tcp, unix, chmod and env probes denied");

        say("user", "::stop");
        assertThat(DaemonProcesses.awaitGone(second.pid(), Duration.ofSeconds(10))).isTrue();
        assertThat(Files.readString(notes.resolve("one.md"))).doesNotContain("second-marker");
    }

    @Test
    void killingTheWriterAtRandomMoments_losesAndDuplicatesNothing() throws Exception {
        assertThat(KatoProcess.run(env, tmp, "start").exitCode()).isZero();
        long daemon = daemonPid();
        Path dest = notes.resolve("k.md");
        say("user", "::capture " + dest);
        say("assistant", "opening-marker-end");
        DaemonProcesses.awaitFile(dest, t -> t.contains("opening-marker-end"));
        Random random = new Random(20261206);
        List<String> markers = new ArrayList<>();
        int kills = 0;
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 5; i++) {
                String marker = "marker-" + round + "-" + i + "-end";
                markers.add(marker);
                say("assistant", marker);
                if (random.nextInt(3) == 0) {
                    Thread.sleep(random.nextInt(40));
                }
            }
            Thread.sleep(random.nextInt(300));
            for (ProcessHandle w : writers(daemon)) {
                w.destroyForcibly(); // kill -9 of the writer only
                kills++;
            }
        }
        say("assistant", "final-marker-end");
        String text;
        try {
            text = DaemonProcesses.awaitFile(dest, t -> t.contains("final-marker-end"));
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "\n" + KatoProcess.run(env, tmp, "status").out(), e);
        }
        for (String marker : markers) {
            assertThat(text.split(Pattern.quote(marker), -1)).as(marker).hasSize(2);
        }
        assertThat(kills).isGreaterThan(0);
        assertThat(daemonPid()).as("the daemon kept running").isEqualTo(daemon);
        assertThat(audit("worker.ended"))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("\"role\":\"writer-worker\""));
    }

    @Test
    void sandboxModeOff_writesInTheDaemonItself_andAuditsThat() throws Exception {
        Path config = katoHome.resolve("kato-config.yaml");
        Files.writeString(config, Files.readString(config) + "sandbox:\n  mode: off\n");
        assertThat(KatoProcess.run(env, tmp, "start").exitCode()).isZero();
        long daemon = daemonPid();
        say("user", "::capture " + notes.resolve("off.md"));
        say("assistant", "off-marker");
        DaemonProcesses.awaitFile(notes.resolve("off.md"), t -> t.contains("off-marker"));
        assertThat(writers(daemon)).isEmpty();
        assertThat(audit("sandbox.confinement"))
                .filteredOn(l -> l.contains("\"role\":\"writer-worker\""))
                .singleElement()
                .satisfies(l ->
                        assertThat(l)
                                .contains("\"mode\":\"off\"")
                                .contains("\"outcome\":\"unconfined\""));
        assertThat(KatoProcess.run(env, tmp, "status").out())
                .contains("recording writes: not confined: sandbox.mode off");
    }
}

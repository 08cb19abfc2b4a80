package dev.kato.daemon;

import static dev.kato.daemon.scenario.Scenario.awaitContains;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.daemon.scenario.ClaudeLog;
import dev.kato.daemon.scenario.Scenario;
import dev.kato.testing.KatoProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon itself is the confined orchestrator of {@code security.md} §5: {@code kato start}
 * launches it through the trampoline (Landlock and {@code no_new_privs} from its first
 * instruction), it installs its seccomp filter before it reads any request or report, and it proves
 * both with live probes at start. A daemon started any other way finds Landlock missing and, under
 * {@code sandbox.mode: required}, refuses to run; a plain start is for {@code off} only.
 */
class OrchestratorConfinementProcessTest {
    private static final Set<String> ALLOWED_ENV =
            Set.of("KATO_HOME", "KATO_CONFIG_PATH", "HOME", "LANG", "LC_ALL", "TZ");

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

    @Test
    void kato_start_runsTheDaemonConfined_andItsProbesShowEveryLayer() throws Exception {
        s.start();
        long daemon = s.daemons().getFirst().pid();
        assertThat(DaemonProcesses.proc(daemon, "status"))
                .containsPattern("Seccomp:\\s+2")
                .containsPattern("NoNewPrivs:\\s+1");
        // every thread, not only the main one
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(daemon), "task"))) {
            for (Path task : tasks.toList()) {
                assertThat(Files.readString(task.resolve("status")))
                        .containsPattern("Seccomp:\\s+2")
                        .containsPattern("NoNewPrivs:\\s+1");
            }
        }
        List<String> names =
                Arrays.stream(DaemonProcesses.proc(daemon, "environ").split("\0"))
                        .filter(v -> !v.isEmpty())
                        .map(v -> v.substring(0, v.indexOf('=')))
                        .toList();
        assertThat(names).isSubsetOf(ALLOWED_ENV).doesNotContain("PATH").contains("KATO_HOME");

        assertThat(DaemonProcesses.audit(s.katoHome, "sandbox.confinement"))
                .filteredOn(l -> l.contains("\"role\":\"orchestrator\""))
                .singleElement()
                .satisfies(l ->
                        assertThat(l)
                                .contains("\"mode\":\"required\"")
                                .contains("\"landlock\":\"enforced\"")
                                .contains("\"seccomp\":\"enforced\"")
                                .contains("\"outcome\":\"confined\""));
        assertThat(s.kato("status").out())
                .containsPattern("orchestrator\\s+enforced\\s+enforced\\s+denied")
                .contains("daemon: confined: Landlock");
        assertThat(s.kato("status", "--json").out())
                .contains(
                        "{\"role\":\"orchestrator\",\"landlock\":\"enforced\","
                                + "\"seccomp\":\"enforced\",\"probes\":\"denied\"}");
        // the probes clean up after themselves
        try (Stream<Path> runtime = Files.list(s.katoHome.resolve("runtime"))) {
            assertThat(runtime.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(".probe-"));
        }
        assertThat(Path.of(System.getProperty("java.io.tmpdir"), ".kato-probe-" + daemon))
                .doesNotExist();

        // and it still does its work: confined workers under a confined daemon
        ClaudeLog log = ClaudeLog.main(s.claudeProject(), "s-1");
        Path note = s.note("confined.md");
        log.append(log.user("::capture " + note), log.assistant("confined-marker"));
        awaitContains(note, "confined-marker");
        assertThat(s.kato("status").out())
                .containsPattern("provider-worker\\s+enforced\\s+enforced\\s+denied")
                .containsPattern("writer-worker\\s+enforced\\s+enforced\\s+denied");
        s.stop();
    }

    @Test
    void aDaemonNotStartedThroughTheTrampoline_findsLandlockMissing_andRefusesUnderRequired()
            throws Exception {
        Started d = startDirectly(List.of("orchestrator", configSha256()));
        assertThat(d.exitCode()).isEqualTo(1);
        assertThat(d.handshake())
                .contains("sandbox.mode is required but the daemon's own landlock fs confinement")
                .contains("is missing")
                .contains("refusing to start");
        assertThat(DaemonProcesses.audit(s.katoHome, "sandbox.confinement"))
                .filteredOn(l -> l.contains("\"role\":\"orchestrator\""))
                .singleElement()
                .satisfies(l ->
                        assertThat(l)
                                .contains("\"landlock\":\"missing\"")
                                .contains("\"outcome\":\"refused\""));
        assertThat(s.daemons()).isEmpty();
    }

    @Test
    void underBestEffort_anUnconfinedStartRuns_andStatusSaysWhatIsMissing() throws Exception {
        Scenario best = new Scenario(tmp.resolve("best"), "sandbox:\n  mode: best-effort\n");
        try {
            Process p = spawnDirectly(best, List.of("orchestrator", configSha256(best)));
            String first = firstLine(p.getInputStream());
            assertThat(first).as("handshake").contains("ready");
            assertThat(best.kato("status").out())
                    .containsPattern("orchestrator\\s+missing\\s+enforced\\s+not denied:")
                    .contains("landlock-fs")
                    .contains("daemon: partly confined (sandbox.mode best-effort)");
            assertThat(DaemonProcesses.audit(best.katoHome, "sandbox.confinement"))
                    .filteredOn(l -> l.contains("\"role\":\"orchestrator\""))
                    .singleElement()
                    .satisfies(l -> assertThat(l).contains("\"outcome\":\"degraded\""));
            best.stop();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            best.close();
        }
    }

    @Test
    void aPlainStart_isForSandboxModeOffOnly() throws Exception {
        Started d = startDirectly(List.of());
        assertThat(d.exitCode()).isEqualTo(1);
        assertThat(d.handshake()).contains("the daemon runs unconfined only with sandbox.mode off");
        assertThat(s.daemons()).isEmpty();
    }

    @Test
    void aConfigChangedBetweenLauncherAndDaemon_isRefused() throws Exception {
        Started d = startDirectly(List.of("orchestrator", "0".repeat(64)));
        assertThat(d.exitCode()).isEqualTo(1);
        assertThat(d.handshake()).contains("the config changed while the daemon was starting");
    }

    @Test
    void anAllowedRootCreatedAfterTheStart_needsARestart_andSaysSo() throws Exception {
        // the notes directory is the allowed root: it does not exist when the daemon starts
        Files.delete(s.notes);
        s.start();
        Files.createDirectories(s.notes);
        ClaudeLog log = ClaudeLog.main(s.claudeProject(), "s-later");
        Path note = s.note("later.md");
        log.append(log.user("::capture " + note), log.assistant("later-marker"));
        String status = awaitStatus("did not exist when the daemon started");
        assertThat(status).contains("run 'kato restart'");
        assertThat(note).doesNotExist();

        assertThat(s.kato("restart").exitCode()).isZero();
        log.append(log.user("::capture " + note), log.assistant("after-restart"));
        assertThat(awaitContains(note, "after-restart")).contains("later-marker");
        s.stop();
    }

    private String awaitStatus(String needle) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String out = "";
        while (System.nanoTime() < deadline) {
            out = s.kato("status").out();
            if (out.contains(needle)) {
                return out;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("status never said '" + needle + "':\n" + out);
    }

    private record Started(int exitCode, String handshake) {}

    /** Runs {@code DaemonMain} directly, without the launcher and its trampoline. */
    private Started startDirectly(List<String> args) throws Exception {
        Process p = spawnDirectly(s, args);
        String handshake = firstLine(p.getInputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("daemon ended").isTrue();
        return new Started(p.exitValue(), handshake);
    }

    private static Process spawnDirectly(Scenario sc, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(
                List.of(
                        "-XX:TieredStopAtLevel=1",
                        "--enable-native-access=dev.kato",
                        "-p",
                        KatoProcess.modulePath(),
                        "-m",
                        "dev.kato/dev.kato.daemon.DaemonMain"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().put("KATO_HOME", sc.katoHome.toString());
        pb.environment().put("HOME", sc.katoHome.getParent().toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private String configSha256() throws Exception {
        return configSha256(s);
    }

    private static String configSha256(Scenario sc) throws Exception {
        byte[] config = Files.readAllBytes(sc.katoHome.resolve("kato-config.yaml"));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(config));
    }

    private static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}

package dev.kato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.control.ControlPaths;
import dev.kato.control.RuntimeLock;
import dev.kato.daemon.DaemonProcesses;
import dev.kato.testing.KatoProcess;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kato start | status | stop | restart} as a user runs them: real CLI and daemon JVMs. */
class DaemonLifecycleProcessTest {
    private static final Pattern STARTED = Pattern.compile("started \\(pid (\\d+)\\)");

    @TempDir Path tmp;
    private CliHarness h;
    private ControlPaths paths;
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        h = new CliHarness(tmp).withConfig("");
        paths = new ControlPaths(h.katoHome.resolve("runtime"));
        env = new HashMap<>();
        env.put("KATO_HOME", h.katoHome.toString());
        env.put("HOME", h.home.toString());
        env.put("PATH", "/usr/bin:/bin");
    }

    @AfterEach
    void killLeftovers() throws Exception {
        DaemonProcesses.killAll(h.katoHome);
        assertThat(DaemonProcesses.forHome(h.katoHome)).isEmpty();
    }

    private KatoProcess.Result kato(String... args) throws Exception {
        return KatoProcess.run(env, tmp, args);
    }

    private static long startedPid(KatoProcess.Result r) {
        Matcher m = STARTED.matcher(r.out());
        assertThat(m.find()).as(r.out() + r.err()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void start_status_stop_roundTrip_leavesNoProcessOrRuntimeFiles() throws Exception {
        KatoProcess.Result start = kato("start");
        assertThat(start.exitCode()).as(start.err()).isZero();
        long pid = startedPid(start);
        assertThat(DaemonProcesses.forHome(h.katoHome))
                .extracting(ProcessHandle::pid)
                .containsExactly(pid);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(paths.runtimeDir())))
                .isEqualTo("rwx------");
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(
                                        paths.socket(), LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rw-------");
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(
                                        h.katoHome.resolve("logs/operational.jsonl"))))
                .isEqualTo("rw-------");
        assertThat(paths.tryReadPid()).hasValue(pid);
        assertThat(RuntimeLock.isHeld(paths.lock())).isTrue();

        KatoProcess.Result text = kato("status");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("daemon: running (pid " + pid + ", up ")
                .contains("KATO_HOME: " + h.katoHome)
                .contains("config: " + h.katoHome.resolve("kato-config.yaml") + " (sha256 ")
                .contains("claude: " + h.roots.resolve("claude"))
                .contains("sessions (active): none")
                .contains("recordings: none")
                .contains("recent commands: none")
                .contains("recent errors: none");
        // capability truth: the daemon claims what its own probes showed at start
        assertThat(text.out())
                .containsPattern("sandbox:\n  role\\s+landlock\\s+seccomp\\s+start-up probes\n")
                .containsPattern("\n  orchestrator\\s+enforced\\s+enforced\\s+denied\n")
                .contains("\n  daemon: confined: Landlock")
                .contains("  log reading: confined: one provider worker process per provider")
                .contains("  recording writes: confined: one writer worker process per destination")
                .contains("  destination writes: race-free (openat2 beneath the allowed root)");

        KatoProcess.Result json = kato("status", "--json", "--all");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out().strip())
                .startsWith("{\"daemon\":{\"running\":true,\"pid\":" + pid + ",")
                .contains("\"configSha256\":\"")
                .contains("{\"role\":\"daemon\",\"state\":\"confined: ")
                .contains(
                        "\"confinement\":[{\"role\":\"orchestrator\",\"landlock\":\"enforced\","
                                + "\"seccomp\":\"enforced\",\"probes\":\"denied\"}")
                .contains(
                        "{\"id\":\"codex\",\"roots\":[{\"path\":\""
                                + h.roots.resolve("codex")
                                + "\",\"exists\":true}]}")
                .endsWith(
                        "\"sessions\":[],\"recordings\":[],\"recentCommands\":[],\"recentErrors\":[]}");
        assertThat(json.out().lines()).hasSize(1);

        KatoProcess.Result again = kato("start");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already running (pid " + pid + ")");

        KatoProcess.Result stop = kato("stop");
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.out()).contains("stopped (pid " + pid + ")");
        assertThat(DaemonProcesses.gone(pid)).isTrue();
        assertThat(paths.socket()).doesNotExist();
        assertThat(paths.pidFile()).doesNotExist();
        assertThat(paths.statusSnapshot()).doesNotExist();
        assertThat(RuntimeLock.isHeld(paths.lock())).isFalse();

        String log = Files.readString(h.katoHome.resolve("logs/operational.jsonl"));
        assertThat(log)
                .contains("\"event\":\"daemon.start\",\"pid\":" + pid)
                .contains("\"event\":\"daemon.ready\"")
                .contains("\"event\":\"control.request\",\"kind\":\"status\"")
                .contains("\"event\":\"daemon.stop\",\"pid\":" + pid + ",\"reason\":\"request\"");
        assertThat(log.lines()).allMatch(l -> l.startsWith("{\"v\":1,\"ts\":\""));

        KatoProcess.Result notRunning = kato("status", "--json");
        assertThat(notRunning.exitCode()).isZero();
        assertThat(notRunning.out().strip()).isEqualTo("{\"daemon\":{\"running\":false}}");
        KatoProcess.Result stopAgain = kato("stop");
        assertThat(stopAgain.exitCode()).isZero();
        assertThat(stopAgain.out().strip()).isEqualTo("not running");
    }

    @Test
    void twoRacingStarts_leaveExactlyOneDaemon() throws Exception {
        List<CompletableFuture<KatoProcess.Result>> starts = List.of(startAsync(), startAsync());
        KatoProcess.Result a = starts.get(0).get();
        KatoProcess.Result b = starts.get(1).get();
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        String both = a.out() + b.out();
        assertThat(STARTED.matcher(both).results().count()).as(both).isEqualTo(1);
        assertThat(both).contains("already running (pid ");
        List<ProcessHandle> daemons = DaemonProcesses.forHome(h.katoHome);
        assertThat(daemons).hasSize(1);
        long pid = daemons.getFirst().pid();
        assertThat(both)
                .contains("started (pid " + pid + ")")
                .contains("already running (pid " + pid + ")");
        assertThat(paths.tryReadPid()).hasValue(pid);
        assertThat(kato("stop").exitCode()).isZero();
    }

    private CompletableFuture<KatoProcess.Result> startAsync() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return kato("start");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void killedDaemon_isReportedStale_thenStartAndStopRecover() throws Exception {
        long pid = startedPid(kato("start"));
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        assertThat(DaemonProcesses.awaitGone(pid, Duration.ofSeconds(5))).isTrue();
        assertThat(paths.pidFile()).exists();
        assertThat(paths.socket()).exists();

        KatoProcess.Result status = kato("status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out())
                .startsWith("daemon: not running (stale: a pid file of pid " + pid)
                .contains("and a control socket");
        KatoProcess.Result json = kato("status", "--json");
        assertThat(json.out().strip())
                .isEqualTo(
                        "{\"daemon\":{\"running\":false,\"stale\":true,\"stalePid\":" + pid + "}}");

        KatoProcess.Result restart = kato("start");
        assertThat(restart.exitCode()).as(restart.err()).isZero();
        long second = startedPid(restart);
        assertThat(second).isNotEqualTo(pid);
        assertThat(paths.tryReadPid()).hasValue(second);
        assertThat(kato("stop").out()).contains("stopped (pid " + second + ")");

        // a crash while stopped: stop cleans up and says so
        long third = startedPid(kato("start"));
        ProcessHandle.of(third).orElseThrow().destroyForcibly();
        assertThat(DaemonProcesses.awaitGone(third, Duration.ofSeconds(5))).isTrue();
        KatoProcess.Result cleanup = kato("stop");
        assertThat(cleanup.exitCode()).isZero();
        assertThat(cleanup.out()).startsWith("not running; removed a pid file of pid " + third);
        assertThat(paths.pidFile()).doesNotExist();
        assertThat(paths.socket()).doesNotExist();
    }

    @Test
    void sigterm_shutsDownCleanly() throws Exception {
        long pid = startedPid(kato("start"));
        ProcessHandle.of(pid).orElseThrow().destroy();
        assertThat(DaemonProcesses.awaitGone(pid, Duration.ofSeconds(10))).isTrue();
        assertThat(paths.socket()).doesNotExist();
        assertThat(paths.pidFile()).doesNotExist();
        assertThat(RuntimeLock.isHeld(paths.lock())).isFalse();
        assertThat(Files.readString(h.katoHome.resolve("logs/operational.jsonl")))
                .contains("\"event\":\"daemon.stop\",\"pid\":" + pid + ",\"reason\":\"signal\"");
        assertThat(kato("status").out().strip()).isEqualTo("daemon: not running");
    }

    @Test
    void badConfig_neverStartsADaemon() throws Exception {
        Files.writeString(
                h.katoHome.resolve("kato-config.yaml"),
                "schemaVersion: 1\nprovidrSessionRoots: {}\n");
        KatoProcess.Result r = kato("start");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("kato: invalid config").contains("providrSessionRoots");
        assertThat(r.out()).isEmpty();
        assertThat(DaemonProcesses.forHome(h.katoHome)).isEmpty();
        assertThat(paths.socket()).doesNotExist();
        assertThat(paths.pidFile()).doesNotExist();
    }

    @Test
    void missingConfig_isCreatedOnStart_unlessAutoInitIsOff() throws Exception {
        Path config = h.katoHome.resolve("kato-config.yaml");
        Files.delete(config);
        env.put("KATO_AUTO_INIT_ON_START", "false");
        KatoProcess.Result refused = kato("start");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("KATO_AUTO_INIT_ON_START=false").contains("kato init");
        assertThat(config).doesNotExist();
        assertThat(DaemonProcesses.forHome(h.katoHome)).isEmpty();

        env.remove("KATO_AUTO_INIT_ON_START");
        KatoProcess.Result created = kato("start");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.err()).contains("created the config " + config);
        assertThat(config).exists();
        long pid = startedPid(created);

        KatoProcess.Result restart = kato("restart");
        assertThat(restart.exitCode()).as(restart.err()).isZero();
        assertThat(restart.out()).contains("stopped (pid " + pid + ")");
        long second = startedPid(restart);
        assertThat(DaemonProcesses.forHome(h.katoHome))
                .extracting(ProcessHandle::pid)
                .containsExactly(second);
        assertThat(kato("stop").exitCode()).isZero();
    }

    @Test
    void statusLive_onANonTerminal_printsOnceAndSaysSo() throws Exception {
        KatoProcess.Result r = kato("status", "--live");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).isEqualTo("daemon: not running");
        assertThat(r.err()).contains("--live needs a terminal; printed the status once");
    }
}

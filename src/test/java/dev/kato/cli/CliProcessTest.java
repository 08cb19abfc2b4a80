package dev.kato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.testing.FixtureFiles;
import dev.kato.testing.KatoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user runs it: a separate JVM, its exit codes and its stdout/stderr. */
class CliProcessTest {
    @TempDir Path tmp;

    @Test
    void realProcess_exitCodesAndOneLineErrors() throws Exception {
        CliHarness h = new CliHarness(tmp).withConfig("");
        Path log = h.place("claude", "p/s.jsonl", FixtureFiles.sharedKato("claude-session.jsonl"));
        Map<String, String> env =
                Map.of(
                        "KATO_HOME",
                        h.katoHome.toString(),
                        "HOME",
                        h.home.toString(),
                        "PATH",
                        "/usr/bin:/bin");

        KatoProcess.Result version = KatoProcess.run(env, tmp, "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("kato ");

        KatoProcess.Result usage = KatoProcess.run(env, tmp, "export");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).startsWith("kato: Missing required parameter");

        KatoProcess.Result denied =
                KatoProcess.run(env, tmp, "export", log.toString(), "-o", "/etc/kato-test.md");
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.err().lines()).hasSize(1);
        assertThat(Path.of("/etc/kato-test.md")).doesNotExist();

        KatoProcess.Result relative =
                KatoProcess.run(env, h.notes, "export", log.toString(), "-o", "chat.md");
        assertThat(relative.exitCode()).as(relative.err()).isZero();
        assertThat(Files.readString(h.notes.resolve("chat.md")))
                .contains("# User_2026-02-10_2336_18");
    }

    /**
     * {@code start}, {@code stop} and {@code restart} are answered before picocli loads (its model
     * costs a first start 80–200 ms), with picocli's one-line error form.
     */
    @Test
    void lifecycleCommands_runWithoutLoadingPicocli() throws Exception {
        CliHarness h = new CliHarness(tmp).withConfig("bogusKey: 1\n");
        Map<String, String> env =
                Map.of("KATO_HOME", h.katoHome.toString(), "HOME", h.home.toString());
        for (String command : List.of("start", "restart", "stop")) {
            Path classes = tmp.resolve(command + "-classes.txt");
            KatoProcess.Result r =
                    KatoProcess.run(List.of("-Xlog:class+load:file=" + classes), env, tmp, command);
            if (command.equals("stop")) {
                assertThat(r.exitCode()).as(r.err()).isZero();
                assertThat(r.out()).isEqualTo("not running\n");
            } else {
                assertThat(r.exitCode()).isEqualTo(1);
                assertThat(r.err()).startsWith("kato: ").contains("bogusKey");
                assertThat(r.err()).doesNotContain("Exception");
            }
            // Main's verification loads a few picocli interfaces; the model is never built
            assertThat(Files.readString(classes))
                    .as(command)
                    .contains("dev.kato.cli.DaemonLifecycle")
                    .doesNotContain("picocli.CommandLine source")
                    .doesNotContain("picocli.CommandLine$Model");
        }
        assertThat(h.katoHome.resolve("runtime").resolve("daemon.pid")).doesNotExist();
    }

    @Test
    void badEnvironment_isAOneLineError() throws Exception {
        KatoProcess.Result r =
                KatoProcess.run(
                        Map.of("KATO_HOME", "relative/home", "HOME", tmp.toString()),
                        tmp,
                        "sessions");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("kato: ").contains("KATO_HOME").doesNotContain("Exception");
    }
}

package dev.kato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command lines answered before picocli loads behave like the picocli ones, and anything beyond
 * their plain forms still reaches picocli (usage errors, help).
 */
class QuickCommandsTest {
    @TempDir Path tmp;

    @Test
    void plainStatusForms_answerWithoutADaemon() throws IOException {
        CliHarness cli = new CliHarness(tmp).withConfig("");
        assertThat(cli.run("status").out()).isEqualTo("daemon: not running\n");
        for (String[] args :
                new String[][] {
                    {"status", "--json"},
                    {"status", "--all", "--json"},
                    {"status", "--json", "--all"}
                }) {
            CliHarness.Result r = cli.run(args);
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).isEqualTo("{\"daemon\":{\"running\":false}}\n");
            assertThat(r.err()).isEmpty();
        }
    }

    @Test
    void anythingElse_goesToPicocli() throws IOException {
        CliHarness cli = new CliHarness(tmp).withConfig("");
        CliHarness.Result unknown = cli.run("status", "--bogus");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(unknown.err())
                .contains("Unknown option: '--bogus'")
                .contains("kato status --help");

        CliHarness.Result twice = cli.run("status", "--json", "--json");
        assertThat(twice.exitCode()).isEqualTo(ExitCode.USAGE.code());

        CliHarness.Result help = cli.run("status", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: kato status").contains("--json");
    }

    @Test
    void aBadEnvironment_isOneLineOnTheQuickPathToo() {
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        CliContext context =
                CliContext.of(
                        java.util.Map.of("KATO_HOME", "relative/home"),
                        tmp,
                        java.time.Clock.systemUTC());
        int code =
                Main.run(
                        new String[] {"status"},
                        context,
                        new java.io.PrintWriter(out, true),
                        new java.io.PrintWriter(err, true));
        assertThat(code).isEqualTo(ExitCode.FAILURE.code());
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("kato: ").contains("KATO_HOME");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    /** Whatever a quick command's work throws becomes one line and exit code 1, never a trace. */
    @Test
    void aFailingQuickCommand_isOneLine() {
        java.util.List<QuickCommands.Work> failures =
                java.util.List.of(
                        () -> {
                            throw new UserError("no config");
                        },
                        () -> {
                            throw new IOException("socket gone");
                        },
                        () -> {
                            throw new IllegalStateException("bug");
                        });
        java.util.List<String> expected =
                java.util.List.of(
                        "kato: no config",
                        "kato: unreachable: socket gone",
                        "kato: unexpected IllegalStateException; rerun with --debug for details");
        for (int i = 0; i < failures.size(); i++) {
            var err = new java.io.StringWriter();
            int code =
                    QuickCommands.answer(
                            failures.get(i),
                            e -> "unreachable: " + e.getMessage(),
                            new java.io.PrintWriter(err, true));
            assertThat(code).isEqualTo(ExitCode.FAILURE.code());
            assertThat(err.toString()).isEqualTo(expected.get(i) + "\n");
        }
        assertThat(
                        QuickCommands.answer(
                                () -> ExitCode.OK,
                                e -> "",
                                new java.io.PrintWriter(new java.io.StringWriter())))
                .isZero();
    }
}

package dev.kato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {
    @TempDir Path tmp;

    @Test
    void explain_saysAllowedOrDeniedWithTheReason() throws IOException {
        CliHarness cli = new CliHarness(tmp).withConfig("");
        CliHarness.Result ok =
                cli.run("policy", "explain", cli.notes.resolve("a/chat.md").toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).startsWith("allowed: " + cli.notes.resolve("a/chat.md"));

        assertThat(explain(cli, tmp.resolve("elsewhere/chat.md").toString()))
                .startsWith("denied (OUTSIDE_ALLOWED_ROOTS)");
        assertThat(explain(cli, cli.notes.resolve("run.sh").toString()))
                .startsWith("denied (BAD_EXTENSION)");
        assertThat(explain(cli, cli.notes.resolve("repo/.git/hooks/x.md").toString()))
                .startsWith("denied (INSIDE_GIT_DIRECTORY)");
        assertThat(explain(cli, cli.notes + "/../x.md")).startsWith("denied (TRAVERSAL)");
        assertThat(explain(cli, cli.katoHome.resolve("logs/x.md").toString()))
                .startsWith("denied (");
    }

    private static String explain(CliHarness cli, String path) {
        CliHarness.Result r = cli.run("policy", "explain", path);
        assertThat(r.exitCode()).as(path).isEqualTo(1);
        return r.out();
    }

    @Test
    void allow_addsTheRoot_keepsABackup_andIsAudited() throws IOException {
        CliHarness cli = new CliHarness(tmp).withConfig("");
        Path config = cli.katoHome.resolve("kato-config.yaml");
        String before = Files.readString(config);
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        assertThat(cli.run("policy", "explain", docs.resolve("n.md").toString()).exitCode())
                .isEqualTo(1);

        CliHarness.Result r = cli.run("policy", "allow", docs.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("allowed: " + docs);
        assertThat(cli.run("policy", "explain", docs.resolve("n.md").toString()).exitCode())
                .isZero();
        assertThat(cli.run("config", "validate").exitCode()).isZero();
        assertThat(Files.readString(config.resolveSibling("kato-config.yaml.bak")))
                .isEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");
        String audit = Files.readString(cli.katoHome.resolve("logs/security-audit.jsonl"));
        assertThat(audit).contains("\"type\":\"policy.allow\"").contains(docs.toString());
        assertThat(cli.run("audit", "verify").exitCode()).isZero();

        CliHarness.Result again = cli.run("policy", "allow", docs.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith("already allowed");
    }

    @Test
    void allow_refusesKatosOwnStateAndRelativePaths_andChangesNothing() throws IOException {
        CliHarness cli = new CliHarness(tmp).withConfig("");
        Path config = cli.katoHome.resolve("kato-config.yaml");
        String before = Files.readString(config);
        for (String bad : new String[] {cli.katoHome.resolve("logs").toString(), "relative/dir"}) {
            CliHarness.Result r = cli.run("policy", "allow", bad);
            assertThat(r.exitCode()).as(bad).isEqualTo(1);
            assertThat(r.err()).startsWith("kato: cannot allow " + bad + ": ");
        }
        assertThat(Files.readString(config)).isEqualTo(before);
        assertThat(config.resolveSibling("kato-config.yaml.bak")).doesNotExist();
    }
}

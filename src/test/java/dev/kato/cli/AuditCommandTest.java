package dev.kato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.testing.FixtureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    @TempDir Path tmp;

    @Test
    void exports_auditEveryDecisionAndWrite_withoutConversationContent_andTheChainVerifies()
            throws IOException {
        CliHarness cli = new CliHarness(tmp).withConfig("");
        Path log =
                cli.place("claude", "p/s.jsonl", FixtureFiles.sharedKato("claude-session.jsonl"));
        assertThat(
                        cli.run(
                                        "export",
                                        log.toString(),
                                        "-o",
                                        cli.notes.resolve("a.md").toString())
                                .exitCode())
                .isZero();
        assertThat(
                        cli.run(
                                        "export",
                                        log.toString(),
                                        "-o",
                                        tmp.resolve("outside/b.md").toString())
                                .exitCode())
                .isEqualTo(1);
        assertThat(
                        cli.run(
                                        "export",
                                        log.toString(),
                                        "-o",
                                        cli.notes.resolve("c.sh").toString())
                                .exitCode())
                .isEqualTo(1);

        Path audit = cli.katoHome.resolve("logs/security-audit.jsonl");
        List<String> records = Files.readAllLines(audit);
        assertThat(records).hasSize(5);
        assertThat(records.get(0))
                .contains("\"type\":\"path.decision\"")
                .contains("\"allowed\":true");
        assertThat(records.get(1)).contains("\"type\":\"sandbox.confinement\"");
        assertThat(records.get(2)).contains("\"type\":\"file.written\"").contains("\"events\":10");
        String correlation = records.get(0).replaceAll(".*\"correlationId\":\"([^\"]+)\".*", "$1");
        assertThat(records.get(1)).contains("\"correlationId\":\"" + correlation + "\"");
        assertThat(records.get(2)).contains("\"correlationId\":\"" + correlation + "\"");
        assertThat(records.get(3)).contains("\"allowed\":false").contains("OUTSIDE_ALLOWED_ROOTS");
        assertThat(records.get(4)).contains("\"allowed\":false").contains("BAD_EXTENSION");
        String all = String.join("\n", records);
        for (String content :
                List.of(
                        "authentication",
                        "Passport",
                        "my-app",
                        "auth|login",
                        "The user wants auth")) {
            assertThat(all).doesNotContain(content);
        }

        CliHarness.Result ok = cli.run("audit", "verify");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("5 record(s), chain intact");
        CliHarness.Result json = cli.run("audit", "verify", "--json");
        assertThat(json.out()).contains("\"valid\":true,\"records\":5");

        Files.writeString(
                audit, Files.readString(audit).replace("\"allowed\":false", "\"allowed\":true"));
        CliHarness.Result bad = cli.run("audit", "verify");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("line 4").contains("changed");
        assertThat(cli.run("audit", "verify", "--json").out())
                .contains("\"valid\":false,\"firstBadLine\":4");
    }
}

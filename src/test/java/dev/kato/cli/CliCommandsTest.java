package dev.kato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.testing.FixtureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliCommandsTest {
    @TempDir Path tmp;

    @Test
    void versionAndHelp_work() throws IOException {
        CliHarness cli = new CliHarness(tmp);
        CliHarness.Result v = cli.run("--version");
        assertThat(v.exitCode()).isZero();
        assertThat(v.out()).startsWith("kato ");
        for (String[] args :
                new String[][] {
                    {"--help"},
                    {"help"},
                    {"help", "export"},
                    {"export", "--help"},
                    {"config", "validate", "-h"}
                }) {
            CliHarness.Result h = cli.run(args);
            assertThat(h.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(h.out()).contains("Usage: kato");
        }
    }

    @Test
    void init_createsPrivateConfig_andNeverOverwrites() throws IOException {
        CliHarness cli = new CliHarness(tmp);
        CliHarness.Result first = cli.run("init", "--allow-write-root", cli.notes.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path config = cli.katoHome.resolve("kato-config.yaml");
        assertThat(first.out().strip()).isEqualTo(config.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.katoHome)))
                .isEqualTo("rwx------");
        assertThat(Files.readString(config)).contains(cli.notes.toString());
        Files.writeString(config, Files.readString(config) + "# mine\n");
        CliHarness.Result second = cli.run("init");
        assertThat(second.exitCode()).isZero();
        assertThat(Files.readString(config)).endsWith("# mine\n");
        assertThat(cli.run("init", "--allow-write-root", "relative/dir").exitCode()).isEqualTo(1);
    }

    @Test
    void configValidate_namesEveryBadKeyWithItsLine_andExitsOne() throws IOException {
        CliHarness cli = new CliHarness(tmp);
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(
                bad,
                "schemaVersion: 1\nfeatureFlags:\n  writerIncludeThinkin: true\nallowedWriteRoots: [relative]\n");
        CliHarness.Result r = cli.run("config", "validate", bad.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .contains("line 3")
                .contains("featureFlags.writerIncludeThinkin")
                .contains("writerIncludeThinking");
        assertThat(r.err()).contains("line 4").contains("allowedWriteRoots");
        cli.withConfig("");
        CliHarness.Result ok = cli.run("config", "validate");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("valid");
    }

    @Test
    void aBadConfig_stopsEveryCommandThatNeedsIt() throws IOException {
        CliHarness cli = new CliHarness(tmp).withConfig("bogusKey: 1\n");
        CliHarness.Result r = cli.run("sessions");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("invalid config").contains("bogusKey");
    }

    @Test
    void configShow_printsEffectiveValues() throws IOException {
        CliHarness cli = new CliHarness(tmp).withConfig("");
        CliHarness.Result r = cli.run("config", "show");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("allowedWriteRoots")
                .contains(cli.notes.toString())
                .contains("writerIncludeCommentary: true");
    }

    @Test
    void sessions_listsSessionsWithSubAgentsAttachedToTheirParent() throws IOException {
        CliHarness cli = new CliHarness(tmp).withConfig("");
        cli.place("claude", "p/sess-001.jsonl", FixtureFiles.sharedKato("claude-session.jsonl"));
        cli.place(
                "claude",
                "p/sess-001/subagents/agent-a1.jsonl",
                "{\"type\":\"user\",\"isSidechain\":true,\"agentId\":\"a1\",\"sessionId\":\"sess-001\",\"uuid\":\"s1\",\"timestamp\":\"2026-02-10T23:37:00.000Z\",\"message\":{\"role\":\"user\",\"content\":\"task\"}}\n"
                        .getBytes());
        cli.place(
                "claude",
                "p/agent-old.jsonl",
                "{\"type\":\"user\",\"isSidechain\":true,\"agentId\":\"old\",\"sessionId\":\"sess-001\",\"uuid\":\"s2\",\"timestamp\":\"2026-02-10T23:38:00.000Z\",\"message\":{\"role\":\"user\",\"content\":\"task\"}}\n"
                        .getBytes());
        cli.place(
                "codex",
                "2026/02/10/rollout-x-sess-cli-001.jsonl",
                FixtureFiles.sharedKato("codex-session-legacy.jsonl"));
        cli.place(
                "gemini",
                "proj/chats/session-2026-02-24T10-00-gemini-f.json",
                FixtureFiles.sharedKato("gemini-session.json"));
        CliHarness.Result table = cli.run("sessions");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines())
                .hasSize(4); // header + 3 sessions: sub-agent files are not sessions
        assertThat(table.out())
                .contains("sess-001")
                .contains("sess-cli-001")
                .contains("gemini-fixture-session-1");
        CliHarness.Result json = cli.run("sessions", "--json", "--provider", "codex");
        assertThat(json.out())
                .contains("\"providerSessionId\":\"sess-cli-001\"")
                .doesNotContain("sess-001\"");
        assertThat(cli.run("sessions", "--provider", "nope").exitCode()).isEqualTo(2);
    }
}

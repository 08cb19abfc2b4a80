package dev.kato.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kato.config.Environment;
import dev.kato.event.ConversationEvent;
import dev.kato.event.SessionKey;
import dev.kato.export.ExportMessage;
import dev.kato.export.ExportRequest;
import dev.kato.ingest.SessionFile;
import dev.kato.ingest.SessionFileReader;
import dev.kato.provider.Anomaly;
import dev.kato.provider.FileRole;
import dev.kato.provider.ParseSink;
import dev.kato.provider.ParserLimits;
import dev.kato.sandbox.WorkerRuntime;
import dev.kato.testing.Golden;
import dev.kato.vault.SessionMetaUpdate;
import dev.kato.vault.Vault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kato export} runs its reading and writing in a confined child process: the output is the
 * same golden file as ever, and the audit log holds what the child found when it checked its own
 * confinement live (listing {@code /} refused by Landlock, a seccomp filter reported by the
 * kernel). Without the confinement the child would report the layers missing and, under the default
 * {@code sandbox.mode: required}, write nothing.
 */
class ExportConfinementTest {
    private static final String FIXTURE = "claude-session.jsonl";
    private static final String FLAGS =
            "featureFlags:\n  writerIncludeToolCalls: true\n  writerIncludeThinking: true\n";

    @TempDir Path tmp;

    @BeforeEach
    void kernel() {
        assumeTrue(
                ExportSandbox.kernelCanConfine(),
                "skipped: this kernel or platform has no Landlock, exports cannot be confined here");
    }

    private String audit(CliHarness h) throws Exception {
        Environment env = Environment.of(Map.of("KATO_HOME", h.katoHome.toString()), h.home);
        return Files.readString(env.securityAuditLogPath());
    }

    private Path place(CliHarness h) throws Exception {
        return h.place(
                "claude",
                "-home-user-project/" + FIXTURE,
                dev.kato.testing.FixtureFiles.sharedKato(FIXTURE));
    }

    @Test
    void defaultMode_exportRunsConfined_andGivesTheGoldenMarkdown() throws Exception {
        CliHarness h = new CliHarness(tmp).withConfig(FLAGS);
        Path out = h.notes.resolve("sub/dir/chat.md"); // missing directories are made first
        CliHarness.Result r = h.run("export", place(h).toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        Golden.assertMatches("export/" + FIXTURE + ".md", Files.readString(out));
        assertThat(audit(h))
                .contains(
                        "\"role\":\"export\",\"mode\":\"required\",\"landlock\":\"enforced\","
                                + "\"seccomp\":\"enforced\",\"outcome\":\"confined\"");
        try (var siblings = Files.list(out.getParent())) {
            assertThat(siblings).as("no temp file left behind").containsExactly(out);
        }
    }

    @Test
    void bestEffort_onAKernelThatConfines_runsConfined() throws Exception {
        CliHarness h = new CliHarness(tmp).withConfig(FLAGS + "sandbox:\n  mode: best-effort\n");
        Path out = h.notes.resolve("chat.md");
        CliHarness.Result r = h.run("export", place(h).toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        Golden.assertMatches("export/" + FIXTURE + ".md", Files.readString(out));
        assertThat(audit(h)).contains("\"mode\":\"best-effort\",\"landlock\":\"enforced\"");
    }

    @Test
    void off_runsInProcess_unconfined_andAuditsIt() throws Exception {
        CliHarness h = new CliHarness(tmp).withConfig(FLAGS + "sandbox:\n  mode: off\n");
        Path out = h.notes.resolve("chat.md");
        CliHarness.Result r = h.run("export", place(h).toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Golden.assertMatches("export/" + FIXTURE + ".md", Files.readString(out));
        assertThat(audit(h))
                .contains(
                        "\"mode\":\"off\",\"landlock\":\"not-applied\","
                                + "\"seccomp\":\"not-applied\",\"outcome\":\"unconfined\"")
                .doesNotContain("\"outcome\":\"confined\"");
    }

    @Test
    void sessionOnlyInTheVault_isExportedConfined() throws Exception {
        CliHarness h = new CliHarness(tmp).withConfig(FLAGS);
        Path log = place(h);
        List<ConversationEvent> events = new ArrayList<>();
        new SessionFileReader(ParserLimits.DEFAULT)
                .readAll(
                        new SessionFile(dev.kato.event.Provider.CLAUDE, log, FileRole.MAIN, null),
                        new ParseSink() {
                            @Override
                            public void event(ConversationEvent e) {
                                events.add(e);
                            }

                            @Override
                            public void anomaly(Anomaly a) {}
                        });
        SessionKey key =
                new SessionKey(
                        dev.kato.event.Provider.CLAUDE, events.getFirst().meta().sessionId());
        Environment env = Environment.of(Map.of("KATO_HOME", h.katoHome.toString()), h.home);
        try (Vault vault =
                Vault.open(env.sessionsDir(), (a, b, c) -> {}, java.time.Clock.systemUTC())) {
            vault.append(key, events, SessionMetaUpdate.none());
        }
        Files.delete(log);
        Path out = h.notes.resolve("from-vault.jsonl");
        CliHarness.Result r = h.run("export", key.shortId(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(events.size());
        assertThat(audit(h)).contains("\"landlock\":\"enforced\",\"seccomp\":\"enforced\"");
    }

    @Test
    void unmergeableDestination_isTheSameOneLineError_asInProcess() throws Exception {
        CliHarness confined = new CliHarness(tmp.resolve("confined")).withConfig(FLAGS);
        CliHarness inProcess =
                new CliHarness(tmp.resolve("in-process"))
                        .withConfig(FLAGS + "sandbox:\n  mode: off\n");
        String broken = "---\nbroken: [\n---\nuser text\n";
        List<String> errors = new ArrayList<>();
        for (CliHarness h : List.of(confined, inProcess)) {
            Path out = h.notes.resolve("chat.md");
            Files.writeString(out, broken);
            CliHarness.Result r = h.run("export", place(h).toString(), "-o", out.toString());
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err().lines()).hasSize(1);
            assertThat(Files.readString(out)).isEqualTo(broken);
            errors.add(r.err());
        }
        assertThat(errors.get(0))
                .startsWith("kato: export of ")
                .contains("frontmatter")
                .doesNotContain("Exception")
                .isEqualTo(errors.get(1));
    }

    @Test
    void theChildMakesThePolicyDecisionItself_andRefusesADestinationItsParentGranted()
            throws Exception {
        CliHarness h = new CliHarness(tmp).withConfig(FLAGS);
        Path log = place(h);
        Path elsewhere = Files.createDirectories(tmp.resolve("not-allowed"));
        Environment env = Environment.of(Map.of("KATO_HOME", h.katoHome.toString()), h.home);
        SessionKey key = new SessionKey(dev.kato.event.Provider.CLAUDE, "s-1");
        ExportRequest request =
                new ExportRequest(
                        dev.kato.config.SandboxMode.REQUIRED,
                        env.configPath(),
                        env.katoHome(),
                        env.home(),
                        "UTC",
                        sha256(env.configPath()),
                        elsewhere.resolve("x.md").toString(),
                        new ExportRequest.Logs(
                                key,
                                List.of(
                                        new SessionFile(
                                                dev.kato.event.Provider.CLAUDE,
                                                log,
                                                FileRole.MAIN,
                                                null))));
        ConfinedExport.Outcome outcome =
                ConfinedExport.run(
                        request,
                        elsewhere,
                        WorkerRuntime.current(java.util.Optional.empty()),
                        b -> {});
        assertThat(outcome).isInstanceOf(ConfinedExport.Failed.class);
        assertThat(((ConfinedExport.Failed) outcome).message()).startsWith("export denied: ");
        assertThat(outcome.confined()).contains(new ExportMessage.Confined(true, true));
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(
                        java.security.MessageDigest.getInstance("SHA-256")
                                .digest(Files.readAllBytes(file)));
    }
}

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
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live capture end to end: a real daemon JVM, provider logs written the way Claude Code writes them
 * (appended lines), in-chat commands typed into them, and the destination files checked.
 */
class CaptureProcessTest {
    @TempDir Path tmp;
    private Path katoHome;
    private Path claude;
    private Path notes;
    private Map<String, String> env;
    private int n;

    @BeforeEach
    void setUp() throws IOException {
        katoHome = tmp.resolve("home/.kato");
        claude = Files.createDirectories(tmp.resolve("roots/claude/-work-project"));
        notes = Files.createDirectories(tmp.resolve("notes"));
        Files.createDirectories(katoHome);
        Files.writeString(
                katoHome.resolve("kato-config.yaml"),
                "schemaVersion: 1\n"
                        + "providerSessionRoots:\n  claude: ["
                        + tmp.resolve("roots/claude")
                        + "]\n  codex: ["
                        + tmp.resolve("roots/codex")
                        + "]\n  gemini: ["
                        + tmp.resolve("roots/gemini")
                        + "]\n"
                        + "allowedWriteRoots: ["
                        + notes
                        + ", "
                        + katoHome.resolve("recordings")
                        + "]\ntimeZone: UTC\n");
        env =
                new HashMap<>(
                        Map.of(
                                "KATO_HOME",
                                katoHome.toString(),
                                "HOME",
                                tmp.resolve("home").toString(),
                                "PATH",
                                "/usr/bin:/bin"));
    }

    @AfterEach
    void stopDaemons() throws Exception {
        KatoProcess.run(env, tmp, "stop");
        DaemonProcesses.killAll(katoHome);
    }

    private String user(String text) {
        n++;
        return "{\"type\":\"user\",\"sessionId\":\"s-1\",\"uuid\":\"u"
                + n
                + "\",\"timestamp\":\""
                + Instant.now()
                + "\",\"promptSource\":\"typed\","
                + "\"message\":{\"role\":\"user\",\"content\":"
                + json(text)
                + "}}\n";
    }

    private String assistant(String text) {
        n++;
        return "{\"type\":\"assistant\",\"sessionId\":\"s-1\",\"uuid\":\"a"
                + n
                + "\",\"timestamp\":\""
                + Instant.now()
                + "\","
                + "\"message\":{\"id\":\"m"
                + n
                + "\",\"role\":\"assistant\",\"model\":\"claude-opus-4-6\",\"content\":[{\"type\":\"text\",\"text\":"
                + json(text)
                + "}]}}\n";
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private void append(Path file, String lines) throws IOException {
        Files.writeString(
                file,
                lines,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String awaitFile(Path file, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String text = Files.readString(file);
                if (done.test(text)) {
                    return text;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(
                "timed out waiting for "
                        + file.getFileName()
                        + (Files.exists(file)
                                ? ": " + Files.readString(file).length() + " chars"
                                : " to exist"));
    }

    @Test
    void liveCaptureAndRecording_historyNeverRuns_andRestartsDoNotReplay() throws Exception {
        Path session = claude.resolve("s-1.jsonl");
        append(
                session,
                user("old history\n::capture " + notes + "/history.md") + assistant("old answer"));
        KatoProcess.Result start = KatoProcess.run(env, tmp, "start");
        assertThat(start.exitCode()).as(start.err()).isZero();

        append(session, user("please capture\n::capture " + notes + "/live.md"));
        String captured = awaitFile(notes.resolve("live.md"), t -> t.contains("please capture"));
        assertThat(captured).startsWith("---\n").contains("old history").contains("old answer");

        n++;
        append(
                session,
                "{\"type\":\"user\",\"sessionId\":\"s-1\",\"uuid\":\"t"
                        + n
                        + "\",\"timestamp\":\""
                        + Instant.now()
                        + "\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"x\",\"content\":\"::export "
                        + notes
                        + "/evil.md\"}]}}\n");
        append(session, assistant("the live answer"));
        awaitFile(notes.resolve("live.md"), t -> t.contains("the live answer"));

        append(
                session,
                user("pause now\n::stop")
                        + assistant("not recorded")
                        + user("::record")
                        + assistant("recorded again"));
        String resumed = awaitFile(notes.resolve("live.md"), t -> t.contains("recorded again"));
        assertThat(resumed).contains("pause now").doesNotContain("not recorded");

        KatoProcess.Result status = KatoProcess.run(env, tmp, "status", "--json");
        assertThat(status.out())
                .contains("\"command\":\"capture\"")
                .contains("\"applied\":true")
                .contains("live.md");

        assertThat(KatoProcess.run(env, tmp, "stop").exitCode()).isZero();
        String beforeRestart = Files.readString(notes.resolve("live.md"));
        assertThat(KatoProcess.run(env, tmp, "start").exitCode()).isZero();
        append(session, assistant("after restart"));
        String after = awaitFile(notes.resolve("live.md"), t -> t.contains("after restart"));
        assertThat(after).startsWith(beforeRestart);
        assertThat(after.split("the live answer", -1)).hasSize(2); // nothing replayed

        assertThat(notes.resolve("history.md")).doesNotExist();
        assertThat(notes.resolve("evil.md"))
                .doesNotExist(); // a tool result's command line is never obeyed
        String operational = Files.readString(katoHome.resolve("logs/operational.jsonl"));
        assertThat(operational)
                .contains("\"event\":\"command.decision\"")
                .contains("\"command\":\"capture\",\"outcome\":\"applied\"")
                .contains("\"outcome\":\"untrusted-origin\"")
                .contains("\"outcome\":\"skipped\"");
        String securityAudit = Files.readString(katoHome.resolve("logs/security-audit.jsonl"));
        assertThat(securityAudit)
                .contains("\"type\":\"command.decision\"")
                .contains("\"command\":\"capture\",\"outcome\":\"applied\"");
        assertThat(securityAudit)
                .contains("\"outcome\":\"untrusted-origin\"")
                .contains("\"outcome\":\"skipped\"");
        assertThat(securityAudit)
                .doesNotContain("please capture")
                .doesNotContain("the live answer")
                .doesNotContain("old history");
        assertThat(KatoProcess.run(env, tmp, "audit", "verify").exitCode()).isZero();
        assertThat(operational)
                .doesNotContain("please capture")
                .doesNotContain("the live answer")
                .doesNotContain("old history");
    }

    @Test
    void aNewSessionFile_isLiveFromItsFirstByte_andRecordWithoutPrimaryUsesADefaultDestination()
            throws Exception {
        assertThat(KatoProcess.run(env, tmp, "start").exitCode()).isZero();
        append(claude.resolve("s-1.jsonl"), user("hello\n::record") + assistant("hi there"));
        Path recordings = katoHome.resolve("recordings");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Path found = null;
        while (found == null && System.nanoTime() < deadline) {
            if (Files.isDirectory(recordings)) {
                try (var files = Files.list(recordings)) {
                    found =
                            files.filter(p -> p.getFileName().toString().startsWith("claude-"))
                                    .findFirst()
                                    .orElse(null);
                }
            }
            Thread.sleep(20);
        }
        assertThat(found).as("a default recording under KATO_HOME/recordings").isNotNull();
        String text = awaitFile(found, t -> t.contains("hi there"));
        assertThat(text).contains("::record").doesNotContain("hello\n::record\n\nhello");
    }

    @Test
    void sessionsAndExport_workFromTheVault_afterTheProviderDeletesItsLog() throws Exception {
        assertThat(KatoProcess.run(env, tmp, "start").exitCode()).isZero();
        Path session = claude.resolve("s-1.jsonl");
        append(
                session,
                user("remember this conversation")
                        + assistant("stored in the vault")
                        + user("::export " + notes + "/probe.md"));
        awaitFile(notes.resolve("probe.md"), t -> t.contains("stored in the vault"));
        assertThat(KatoProcess.run(env, tmp, "stop").exitCode()).isZero();
        Files.delete(session);

        KatoProcess.Result list = KatoProcess.run(env, tmp, "sessions");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("s-1").contains("gone");
        KatoProcess.Result export =
                KatoProcess.run(
                        env, tmp, "export", "s-1", "-o", notes.resolve("from-vault.md").toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(Files.readString(notes.resolve("from-vault.md")))
                .contains("remember this conversation")
                .contains("stored in the vault");
        KatoProcess.Result jsonl =
                KatoProcess.run(
                        env,
                        tmp,
                        "export",
                        "s-1",
                        "-o",
                        notes.resolve("from-vault.jsonl").toString());
        assertThat(jsonl.exitCode()).as(jsonl.err()).isZero();
        assertThat(Files.readAllLines(notes.resolve("from-vault.jsonl"))).hasSize(3);
    }

    @Test
    void killNine_atRandomMoments_losesAndDuplicatesNothing() throws Exception {
        assertThat(KatoProcess.run(env, tmp, "start").exitCode()).isZero();
        Path session = claude.resolve("s-1.jsonl");
        append(session, user("::capture " + notes + "/k.md"));
        awaitFile(notes.resolve("k.md"), t -> t.contains("::capture"));
        java.util.Random random = new java.util.Random(20261123);
        java.util.List<String> markers = new java.util.ArrayList<>();
        for (int round = 0; round < 8; round++) {
            for (int i = 0; i < 6; i++) {
                String marker = "marker-" + round + "-" + i + "-end";
                markers.add(marker);
                append(session, assistant(marker));
                if (random.nextInt(3) == 0) {
                    Thread.sleep(random.nextInt(15));
                }
            }
            Thread.sleep(random.nextInt(60));
            DaemonProcesses.forHome(katoHome).forEach(ProcessHandle::destroyForcibly); // kill -9
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!DaemonProcesses.forHome(katoHome).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            KatoProcess.Result restart = KatoProcess.run(env, tmp, "start");
            assertThat(restart.exitCode()).as(restart.err()).isZero();
        }
        append(session, assistant("final-marker-end"));
        String text = awaitFile(notes.resolve("k.md"), t -> t.contains("final-marker-end"));
        for (String marker : markers) {
            assertThat(text.split(java.util.regex.Pattern.quote(marker), -1)).as(marker).hasSize(2);
        }
    }
}

package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.testing.KatoProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's own audit records, through real CLI and daemon processes: the config it loaded (with
 * its policy version), its start and stop, and every corrupt state file it moved aside.
 */
class DaemonAuditProcessTest {
    private static final Pattern TYPE = Pattern.compile("\"type\":\"([a-z.]+)\"");

    @TempDir Path tmp;
    private Path katoHome;

    @AfterEach
    void killLeftovers() throws Exception {
        if (katoHome != null) {
            DaemonProcesses.killAll(katoHome);
        }
    }

    private Map<String, String> env() throws Exception {
        katoHome = Files.createDirectories(tmp.resolve("kato"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(
                katoHome.resolve("kato-config.yaml"),
                "schemaVersion: 1\nproviderSessionRoots:\n  claude: ["
                        + Files.createDirectories(tmp.resolve("claude"))
                        + "]\n");
        Map<String, String> env = new HashMap<>();
        env.put("KATO_HOME", katoHome.toString());
        env.put("HOME", home.toString());
        env.put("PATH", "/usr/bin:/bin");
        return env;
    }

    private List<String> auditTypes() throws Exception {
        return Files.readAllLines(katoHome.resolve("logs/security-audit.jsonl")).stream()
                .map(l -> {
                    Matcher m = TYPE.matcher(l);
                    return m.find() ? m.group(1) : "?";
                })
                .toList();
    }

    @Test
    void startAndStop_areAudited_withTheConfigAndItsPolicyVersion() throws Exception {
        Map<String, String> env = env();
        assertThat(KatoProcess.run(env, tmp, "start").exitCode()).isZero();
        assertThat(KatoProcess.run(env, tmp, "stop").exitCode()).isZero();
        assertThat(auditTypes())
                .containsSubsequence("config.loaded", "daemon.start", "daemon.stop");
        String log =
                Files.readString(
                        katoHome.resolve("logs/security-audit.jsonl"), StandardCharsets.UTF_8);
        assertThat(log)
                .contains("\"configPath\":\"" + katoHome.resolve("kato-config.yaml") + "\"")
                .containsPattern("\"type\":\"daemon.start\".*\"policyVersion\":\"[0-9a-f]{64}\"");
        KatoProcess.Result verify = KatoProcess.run(env, tmp, "audit", "verify");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    }

    @Test
    void aCorruptVaultMetaFile_isMovedAside_andAudited() throws Exception {
        Map<String, String> env = env();
        Path session = Files.createDirectories(katoHome.resolve("sessions/" + UUID.randomUUID()));
        Files.writeString(session.resolve("events.jsonl"), "");
        Files.writeString(session.resolve("meta.json"), "{ not json");
        assertThat(KatoProcess.run(env, tmp, "start").exitCode()).isZero();
        assertThat(KatoProcess.run(env, tmp, "stop").exitCode()).isZero();
        assertThat(auditTypes()).contains("state.quarantined");
        assertThat(session.resolve("meta.json")).doesNotExist();
        KatoProcess.Result verify = KatoProcess.run(env, tmp, "audit", "verify");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    }
}

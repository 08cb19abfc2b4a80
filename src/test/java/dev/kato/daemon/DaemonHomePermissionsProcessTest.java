package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.testing.KatoProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon itself (started directly, not through {@code kato start}, which checks first) refuses
 * a KATO_HOME that other users can write, in its start-up handshake, and creates nothing there.
 */
class DaemonHomePermissionsProcessTest {
    @TempDir Path tmp;

    @Test
    void aWorldWritableHome_isRefusedInTheHandshake() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("kato-home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        ProcessBuilder pb =
                new ProcessBuilder(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-XX:TieredStopAtLevel=1",
                                "-p",
                                KatoProcess.modulePath(),
                                "-m",
                                "dev.kato/dev.kato.daemon.DaemonMain"));
        pb.environment().clear();
        pb.environment().put("KATO_HOME", home.toString());
        pb.environment().put("HOME", tmp.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String handshake = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(handshake).contains("refusing to run").contains("writable by other users");
        try (var entries = Files.list(home)) {
            assertThat(entries).isEmpty(); // no lock, log or runtime directory was made
        }
    }
}

package dev.kato.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every Kato JVM's stdout is a protocol (the daemon's start-up handshake, a worker's frames), so
 * the VM's own messages must go to stderr: started with each role's flags and a GC clash, the real
 * JVM fails with its message on stderr and writes nothing on stdout.
 */
class JvmFlagsProcessTest {
    @Test
    void aFailingVm_writesItsMessageToStderr_andNothingToStdout() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (Role role : Role.values()) {
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(WorkerCommand.jvmFlags(role));
            cmd.addAll(List.of("-XX:+UseParallelGC", "-version"));
            Process p = new ProcessBuilder(cmd).start();
            CompletableFuture<byte[]> err =
                    CompletableFuture.supplyAsync(() -> {
                        try {
                            return p.getErrorStream().readAllBytes();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(role.id()).isNotZero();
            assertThat(new String(out, StandardCharsets.UTF_8)).as(role.id()).isEmpty();
            assertThat(new String(err.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8))
                    .as(role.id())
                    .contains("Multiple garbage collectors selected");
        }
    }
}

package dev.kato.sandbox;

import static dev.kato.sandbox.ConfinedWorkerProcessTest.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The thread problem (java-platform notes §1.3): Landlock restricts only the calling thread, so a
 * JVM that restricts its main thread leaves earlier threads free. The control below shows the leak
 * in this very JVM; the confined worker shows that after "restrict, then re-exec" threads the JVM
 * starts itself (a Cleaner thread, a shutdown hook started from the Signal Dispatcher's SIGTERM
 * handling) are denied too.
 */
class ThreadConfinementProcessTest {
    private ProbeFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        SandboxAssumptions.landlockAbi();
        fixture = ProbeFixture.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void control_landlockOnOneThreadLeavesEarlierThreadsUnconfined() throws Exception {
        ExecutorService earlier = Executors.newSingleThreadExecutor();
        try {
            earlier.submit(() -> 0).get(); // the pool's thread exists before the restriction
            CompletableFuture<String> result = new CompletableFuture<>();
            Thread.ofPlatform()
                    .start(() -> {
                        try {
                            Landlock.restrictSelf(List.of());
                            String own = tryRead();
                            String other = earlier.submit(this::tryRead).get();
                            result.complete(own + "/" + other);
                        } catch (Exception e) {
                            result.completeExceptionally(e);
                        }
                    });
            assertThat(result.get(30, TimeUnit.SECONDS))
                    .as("restricted thread denied, the earlier thread it hands work to is not")
                    .isEqualTo("denied/read");
        } finally {
            earlier.shutdownNow();
        }
    }

    private String tryRead() {
        try {
            Files.readAllBytes(fixture.secret());
            return "read";
        } catch (java.io.IOException e) {
            return "denied";
        }
    }

    @Test
    void confinedWorker_everyThreadIsDenied_includingShutdownHookAndCleaner() throws Exception {
        Envelope envelope = new Envelope.ProviderWorker(List.of(fixture.sessionRoot()));
        List<String> args =
                List.of(
                        "read-forbidden=" + fixture.secret(),
                        "write-forbidden=" + fixture.sessionRoot().resolve("hook.txt"),
                        "tcp=" + fixture.tcpAddress(),
                        "hook=1");
        ProcessBuilder pb =
                ConfinedLauncher.confined(
                        envelope,
                        WorkerRuntime.current(Optional.empty()),
                        WorkerMain.PROBE,
                        args,
                        Map.of());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        List<ProbeRecord> records = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                ProbeRecord.parse(line).ifPresent(records::add);
                if (line.equals(new ProbeRecord.Fact("ready", "1").line())) {
                    // SIGTERM (the handle, unlike Process.destroy, keeps our pipe open): the
                    // JVM runs the hook on a thread started for the signal
                    process.toHandle().destroy();
                }
            }
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        RoleProbe p = new RoleProbe(Role.PROVIDER_WORKER, records, process.exitValue(), 0, "");
        String hook = ProbeRecord.PHASE_SHUTDOWN_HOOK;
        assertDenied(p, hook, "read-forbidden", "EACCES");
        assertDenied(p, hook, "write-forbidden", "EACCES");
        assertDenied(p, hook, "tcp", "EPERM");
        String threads = ProbeRecord.PHASE_THREADS;
        assertDenied(p, threads, "read-forbidden-platform-thread", "EACCES");
        assertDenied(p, threads, "read-forbidden-virtual-thread", "EACCES");
        assertDenied(p, threads, "read-forbidden-cleaner-thread", "EACCES");
        ProbeRecord.ThreadCensus before = p.census(ProbeRecord.PHASE_LANDLOCK).orElseThrow();
        assertThat(before.threads()).isGreaterThan(4);
        assertThat(before.noNewPrivs()).isEqualTo(before.threads());
        assertThat(Files.exists(fixture.sessionRoot().resolve("hook.txt"))).isFalse();
    }
}

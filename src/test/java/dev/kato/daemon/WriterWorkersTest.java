package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kato.audit.AuditEvent;
import dev.kato.config.SandboxMode;
import dev.kato.ipc.WriterProcess;
import dev.kato.ipc.WriterStart;
import dev.kato.policy.ApprovedPath;
import dev.kato.sandbox.WorkerRuntime;
import dev.kato.testing.ApprovedPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart back-off of writer workers, with a worker that cannot start (its runtime names a JDK that
 * does not exist) and a test clock (a stand-in for waiting seconds): each failure is audited, and
 * no new process is tried until the back-off has passed; the wait doubles up to its limit.
 */
class WriterWorkersTest {
    @TempDir Path tmp;

    private Instant now = Instant.parse("2026-12-06T10:00:00Z");
    private final List<AuditEvent> audited = new ArrayList<>();

    private WriterWorkers workers(Path root) {
        WorkerRuntime missingJdk =
                new WorkerRuntime(tmp.resolve("no-such-jdk"), List.of(tmp), Optional.empty());
        return new WriterWorkers(
                (target, probe) ->
                        new WriterStart(
                                SandboxMode.REQUIRED,
                                target,
                                List.of(root),
                                tmp.resolve("home"),
                                List.of(),
                                List.of(),
                                List.of(".md"),
                                0,
                                probe),
                missingJdk,
                WriterProcess.Confinement.DIRECTORY,
                SandboxMode.REQUIRED,
                audited::add,
                new CaptureActivity(InstantSource.fixed(now)),
                () -> now,
                null,
                new dev.kato.ipc.IdleCollector(1 << 20, java.time.Duration.ofSeconds(2), true));
    }

    private ApprovedPath approved(Path root, String name) throws IOException {
        return ApprovedPaths.approve(root, root.resolve(name).toString(), tmp.resolve("home"));
    }

    private long startFailures() {
        return audited.stream()
                .filter(e ->
                        e instanceof AuditEvent.WorkerEnded w && w.phase().equals("start-failed"))
                .count();
    }

    @Test
    void aWriterThatCannotStart_isRetriedOnlyAfterADoublingBackOff() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("notes")).toRealPath();
        ApprovedPath dest = approved(root, "chat.md");
        WriterWorkers w = workers(root);

        assertThatThrownBy(() -> w.append(dest, new byte[] {'x'}))
                .isInstanceOf(WriterWorkers.WorkerCrashedException.class)
                .hasMessage("the writer worker could not start");
        assertThat(startFailures()).isEqualTo(1);

        now = now.plusMillis(200); // within the first 250 ms
        assertThatThrownBy(() -> w.append(dest, new byte[] {'x'}))
                .hasMessageContaining("backing off");
        assertThat(startFailures()).as("no new process tried").isEqualTo(1);

        now = now.plusMillis(100); // 300 ms after the first failure
        assertThatThrownBy(() -> w.append(dest, new byte[] {'x'}))
                .hasMessage("the writer worker could not start");
        assertThat(startFailures()).isEqualTo(2);

        now = now.plusMillis(400); // the second wait is 500 ms
        assertThatThrownBy(() -> w.append(dest, new byte[] {'x'}))
                .hasMessageContaining("backing off");
        now = now.plusMillis(200);
        assertThatThrownBy(() -> w.append(dest, new byte[] {'x'}))
                .hasMessage("the writer worker could not start");
        assertThat(startFailures()).isEqualTo(3);

        for (int i = 0; i < 10; i++) { // the wait never exceeds its limit
            now = now.plus(WriterWorkers.MAX_BACKOFF).plus(Duration.ofMillis(1));
            assertThatThrownBy(() -> w.append(dest, new byte[] {'x'}))
                    .hasMessage("the writer worker could not start");
        }
        assertThat(startFailures()).isEqualTo(13);
        assertThat(dest.target()).doesNotExist();
        assertThat(w.running()).isEmpty();
    }
}

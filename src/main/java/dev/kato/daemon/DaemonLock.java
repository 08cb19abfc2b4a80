package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.control.ControlPaths;
import dev.kato.control.RuntimeLock;
import dev.kato.fs.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The daemon's hold on {@code runtime/daemon.lock} for its whole life, which is what makes it the
 * only daemon of its {@code KATO_HOME} even when two {@code kato start}s race. Holding the lock, it
 * writes its pid to {@code runtime/daemon.pid} (informational: for messages, never for decisions);
 * on close it removes the pid file and then releases the lock.
 */
final class DaemonLock implements ResourceRegistry.Resource {
    private static final Duration RETRY_PAUSE = Duration.ofMillis(25);

    private final ControlPaths paths;
    private final RuntimeLock lock;
    private final long pid;

    private DaemonLock(ControlPaths paths, RuntimeLock lock, long pid) {
        this.paths = paths;
        this.lock = lock;
        this.pid = pid;
    }

    /**
     * Takes the lock, retrying for up to {@code patience} (a CLI may hold it for a moment to check
     * for a stale runtime), and records {@code pid}; empty when another daemon holds it.
     */
    static Optional<DaemonLock> tryAcquire(ControlPaths paths, long pid, Duration patience)
            throws IOException, InterruptedException {
        requireNonNull(paths, "paths");
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<RuntimeLock> lock = RuntimeLock.tryAcquire(paths.lock());
            if (lock.isPresent()) {
                try {
                    AtomicFiles.replace(
                            paths.pidFile(),
                            out -> out.write((pid + "\n").getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException e) {
                    lock.get().close();
                    throw e;
                }
                return Optional.of(new DaemonLock(paths, lock.get(), pid));
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            Thread.sleep(RETRY_PAUSE);
        }
    }

    /**
     * The pid of the daemon that holds the lock, once its pid file shows one (a racing winner may
     * not have written it yet): waits up to {@code patience}.
     */
    static OptionalLong holderPid(ControlPaths paths, Duration patience)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            OptionalLong pid = paths.tryReadPid();
            if (pid.isPresent() || System.nanoTime() - deadline >= 0) {
                return pid;
            }
            Thread.sleep(RETRY_PAUSE);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            OptionalLong recorded = paths.tryReadPid();
            if (recorded.isPresent() && recorded.getAsLong() == pid) {
                Files.deleteIfExists(paths.pidFile());
            }
        } finally {
            lock.close();
        }
    }
}

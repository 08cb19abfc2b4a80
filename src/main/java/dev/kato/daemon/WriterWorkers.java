package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.audit.AuditEvent;
import dev.kato.audit.AuditLog;
import dev.kato.config.SandboxMode;
import dev.kato.fs.AtomicFiles;
import dev.kato.ipc.IdleCollector;
import dev.kato.ipc.WriterChannel;
import dev.kato.ipc.WriterFailedException;
import dev.kato.ipc.WriterProcess;
import dev.kato.ipc.WriterReply;
import dev.kato.ipc.WriterStart;
import dev.kato.policy.ApprovedPath;
import dev.kato.recording.DestinationFiles;
import dev.kato.sandbox.ConfinementStatus;
import dev.kato.sandbox.Role;
import dev.kato.sandbox.WorkerRuntime;
import dev.kato.writer.DestinationWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The daemon's destination writes, each carried out by a confined writer worker process: one per
 * destination being written, started on first use and ended when the destination is released. A
 * worker that must read its file's head after it replaced the file (a second snapshot) is replaced
 * by a fresh one, because Landlock binds its file rule to the inode it started with. Only the
 * existence and size of a destination are looked up here (metadata; no open for reading or
 * writing).
 *
 * <p>A worker that breaks the protocol, whose pipe fails or that dies is killed and audited ({@code
 * worker.ended}); the caller gets a {@link WorkerCrashedException} and recovers the recording from
 * its checkpoint. Restarts for a destination back off: after the n-th consecutive failure no new
 * worker starts for {@code min(8 s, 250 ms × 2^(n-1))}. Every start is audited with what confines
 * the worker ({@code sandbox.confinement}). Thread-safe.
 */
final class WriterWorkers implements DestinationFiles, AutoCloseable {
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    private final BiFunction<Path, Optional<Path>, WriterStart> starts;
    private final WorkerRuntime runtime;
    private final WriterProcess.Confinement confinement;
    private final SandboxMode mode;
    private final AuditLog audit;
    private final CaptureActivity activity;
    private final InstantSource clock;
    private final @Nullable Path alwaysForbidden;

    /** The daemon's collector: appends count by their size, a whole-file replace as a burst. */
    private final IdleCollector idle;

    private final Map<ApprovedPath, Slot> slots = new HashMap<>();
    private final Map<ApprovedPath, Failures> failures = new HashMap<>();
    private @Nullable Path lastReleased;

    /** What the most recently started worker reported about its own confinement. */
    private WriterReply.@Nullable Ready lastReady;

    /** A running worker, and whether it has replaced its file since it started. */
    private static final class Slot {
        final WriterProcess process;
        boolean replaced;

        Slot(WriterProcess process) {
            this.process = process;
        }
    }

    private record Failures(int count, Instant retryAt) {}

    /**
     * @param starts the worker arguments for a destination and its start-up probe target
     * @param alwaysForbidden a file no writer may ever write (the config), the start-up probe when
     *     there is no earlier destination to try
     */
    WriterWorkers(
            BiFunction<Path, Optional<Path>, WriterStart> starts,
            WorkerRuntime runtime,
            WriterProcess.Confinement confinement,
            SandboxMode mode,
            AuditLog audit,
            CaptureActivity activity,
            InstantSource clock,
            @Nullable Path alwaysForbidden,
            IdleCollector idle) {
        this.starts = requireNonNull(starts, "starts");
        this.runtime = requireNonNull(runtime, "runtime");
        this.confinement = requireNonNull(confinement, "confinement");
        this.mode = requireNonNull(mode, "mode");
        this.audit = requireNonNull(audit, "audit");
        this.activity = requireNonNull(activity, "activity");
        this.clock = requireNonNull(clock, "clock");
        this.alwaysForbidden = alwaysForbidden;
        this.idle = requireNonNull(idle, "idle");
    }

    /** Thrown when a worker had to be abandoned mid-operation; the write may be incomplete. */
    static final class WorkerCrashedException extends IOException {
        private static final long serialVersionUID = 1L;

        WorkerCrashedException(String message) {
            super(message);
        }
    }

    /**
     * The confined daemon cannot reach the destination's allowed root, so it cannot hand it on to a
     * writer: the root was created (or replaced) after the daemon started. The message names the
     * root and the remedy, nothing of the conversation.
     */
    static final class OutOfReachException extends IOException {
        private static final long serialVersionUID = 1L;

        OutOfReachException(Path root) {
            super(
                    "the allowed root "
                            + root
                            + " did not exist when the daemon started, and the confined daemon"
                            + " cannot hand it to a writer; run 'kato restart'");
        }
    }

    @FunctionalInterface
    private interface Op<T> {
        T run(WriterChannel channel) throws IOException;
    }

    @Override
    public boolean exists(ApprovedPath destination) {
        return DestinationWriter.exists(destination);
    }

    @Override
    public long size(ApprovedPath destination) throws IOException {
        return DestinationWriter.size(destination);
    }

    @Override
    public synchronized long append(ApprovedPath destination, byte[] bytes) throws IOException {
        idle.worked(bytes.length);
        return call(destination, false, ch -> ch.append(out -> out.write(bytes)));
    }

    @Override
    public synchronized void replace(ApprovedPath destination, AtomicFiles.ContentWriter content)
            throws IOException {
        idle.burst();
        call(destination, false, ch -> ch.replace(content));
        markReplaced(destination);
    }

    @Override
    public synchronized void replaceComposed(
            ApprovedPath destination,
            AtomicFiles.ContentWriter body,
            DestinationWriter.HeaderWriter header,
            int maxExistingHead)
            throws IOException {
        idle.burst();
        call(destination, true, ch -> ch.replaceComposed(body, header, maxExistingHead));
        markReplaced(destination);
    }

    @Override
    public synchronized boolean truncateTo(ApprovedPath destination, long size) throws IOException {
        if (!DestinationWriter.exists(destination)) {
            return false;
        }
        return call(destination, false, ch -> ch.truncateTo(size));
    }

    @Override
    public synchronized void release(ApprovedPath destination) {
        Slot slot = slots.remove(destination);
        if (slot != null) {
            slot.process.closeInBackground();
            lastReleased = destination.target();
        }
    }

    /** The last started worker's own report, if one started yet. */
    synchronized Optional<WriterReply.Ready> lastReady() {
        return Optional.ofNullable(lastReady);
    }

    /** The pids of the running workers, by destination (for tests). */
    synchronized Map<String, Long> running() {
        Map<String, Long> pids = new HashMap<>();
        slots.forEach((d, s) -> pids.put(d.target().toString(), s.process.pid()));
        return pids;
    }

    @Override
    public synchronized void close() {
        slots.values().forEach(s -> s.process.close());
        slots.clear();
    }

    private void markReplaced(ApprovedPath destination) {
        Slot slot = slots.get(destination);
        if (slot != null) {
            slot.replaced = true;
        }
    }

    private <T> T call(ApprovedPath destination, boolean readsHead, Op<T> op) throws IOException {
        Slot slot = slots.get(destination);
        if (slot != null && (!slot.process.isAlive() || (readsHead && slot.replaced))) {
            boolean died = !slot.process.isAlive();
            slots.remove(destination);
            slot.process.closeInBackground();
            if (died) {
                crashed(destination, slot.process.endReport());
                throw new WorkerCrashedException("the writer worker for the destination died");
            }
            slot = null;
        }
        if (slot == null) {
            slot = new Slot(start(destination));
            slots.put(destination, slot);
        }
        try {
            T result = op.run(slot.process.channel());
            failures.remove(destination);
            return result;
        } catch (WriterFailedException e) {
            throw e; // the worker is fine; the operation failed and was reported
        } catch (IOException | RuntimeException e) {
            slots.remove(destination);
            slot.process.close();
            crashed(destination, e.getClass().getSimpleName() + "; " + slot.process.endReport());
            throw new WorkerCrashedException(
                    "the writer worker for the destination failed: "
                            + e.getClass().getSimpleName());
        }
    }

    private WriterProcess start(ApprovedPath destination) throws IOException {
        Failures f = failures.get(destination);
        if (f != null && clock.instant().isBefore(f.retryAt())) {
            throw new WorkerCrashedException(
                    "the writer worker for the destination is restarting (backing off)");
        }
        Path directory = destination.target().getParent();
        try {
            DestinationWriter.prepareDirectory(destination);
            Files.newDirectoryStream(directory).close();
        } catch (AccessDeniedException e) {
            throw new OutOfReachException(destination.root());
        }
        WriterStart start = starts.apply(destination.target(), probeFor(destination));
        WriterProcess process;
        try {
            process = WriterProcess.start(start, runtime, confinement);
        } catch (WriterFailedException e) {
            auditStart(Optional.empty(), "refused");
            failed(destination);
            throw e;
        } catch (IOException e) {
            failed(destination);
            audit(
                    new AuditEvent.WorkerEnded(
                            Role.WRITER_WORKER.id(),
                            "start-failed",
                            destination.target().toString(),
                            String.valueOf(e.getMessage())));
            throw new WorkerCrashedException("the writer worker could not start");
        }
        WriterReply.Ready r = process.ready();
        lastReady = r;
        auditStart(Optional.of(r), r.landlock() && r.seccomp() ? "confined" : "unconfined");
        if (!(r.landlock() && r.seccomp())) {
            activity.error(
                    "sandbox",
                    "a writer worker runs without "
                            + (r.landlock() ? "seccomp" : "Landlock")
                            + " (sandbox.mode: "
                            + mode.configValue()
                            + ")");
        }
        return process;
    }

    /**
     * What the new worker must fail to write: the previous destination when it is elsewhere (a
     * directory-scoped worker may write its own directory), else the config file.
     */
    private Optional<Path> probeFor(ApprovedPath destination) {
        Path dir = destination.target().getParent();
        for (Path candidate : new Path[] {lastReleased, alwaysForbidden}) {
            if (candidate != null
                    && !candidate.equals(destination.target())
                    && !dir.equals(candidate.getParent())
                    && Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private void failed(ApprovedPath destination) {
        Failures previous = failures.get(destination);
        int count = previous == null ? 1 : previous.count() + 1;
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(count - 1, 10));
        if (wait.compareTo(MAX_BACKOFF) > 0) {
            wait = MAX_BACKOFF;
        }
        failures.put(destination, new Failures(count, clock.instant().plus(wait)));
    }

    private void crashed(ApprovedPath destination, String detail) {
        failed(destination);
        audit(
                new AuditEvent.WorkerEnded(
                        Role.WRITER_WORKER.id(),
                        "crashed",
                        destination.target().toString(),
                        detail));
        activity.error("writer", "a writer worker ended unexpectedly; the recording is recovered");
    }

    private void auditStart(Optional<WriterReply.Ready> ready, String outcome) {
        String landlock =
                confinement == WriterProcess.Confinement.NONE
                        ? "not-applied"
                        : ready.map(r -> ConfinementStatus.word(r.landlock())).orElse("missing");
        String seccomp = ready.map(r -> ConfinementStatus.word(r.seccomp())).orElse("missing");
        audit(
                new AuditEvent.SandboxConfinement(
                        new CorrelationId().value(),
                        Role.WRITER_WORKER.id(),
                        mode.configValue(),
                        landlock,
                        seccomp,
                        outcome));
    }

    private void audit(AuditEvent event) {
        try {
            audit.record(event);
        } catch (IOException e) {
            activity.error(
                    "audit",
                    "could not record a writer worker event: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized String toString() {
        return "WriterWorkers[running=" + slots.size() + ", " + confinement + "]";
    }
}

package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.audit.AuditEvent;
import dev.kato.audit.AuditLog;
import dev.kato.config.SandboxMode;
import dev.kato.event.Provider;
import dev.kato.ingest.IngestBatch;
import dev.kato.ingest.IngestCursor;
import dev.kato.ingest.Ingestion;
import dev.kato.ingest.Provenance;
import dev.kato.ingest.SessionFile;
import dev.kato.ipc.FrameException;
import dev.kato.ipc.ProviderMessage;
import dev.kato.ipc.ProviderProcess;
import dev.kato.ipc.ProviderRequest;
import dev.kato.ipc.ProviderStart;
import dev.kato.sandbox.ConfinementStatus;
import dev.kato.sandbox.Role;
import dev.kato.sandbox.WorkerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The daemon's reading of provider logs, each provider's in its own confined provider worker
 * process (Landlock: read on that provider's existing session roots; seccomp; empty environment).
 * One supervising thread per provider starts the worker, hands it the stored cursors, and turns its
 * reports into calls on the {@link IngestSink} after checking them: a file must lie under the
 * worker's own roots and belong to its provider, every line must read back as a canonical event of
 * that provider. A report that fails a check, a malformed frame, a broken pipe or a worker that
 * ends is audited ({@code worker.ended}) and the worker is killed and restarted from the stored
 * cursors, backing off from 250 ms to 8 s; what it had read but the vault had not stored is read
 * again and the vault drops what it already holds. A root that appears later (or is replaced)
 * restarts the worker with the new set of roots, since Landlock grants only paths that exist.
 */
final class ProviderWorkers implements Ingestion {
    static final Duration ROOT_POLL = Duration.ofSeconds(2);
    private static final long IDLE_GC_BYTES = 16 << 20;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    /** A worker that ran this long without failing starts its back-off afresh. */
    private static final Duration HEALTHY = Duration.ofMinutes(1);

    private final Map<Provider, List<Path>> roots;
    private final IngestSink sink;
    private final WorkerRuntime runtime;
    private final boolean landlock;
    private final SandboxMode mode;
    private final AuditLog audit;
    private final CaptureActivity activity;
    private final InstantSource clock;
    private final @Nullable Path probeRead;
    private final List<Supervisor> supervisors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private @Nullable CountDownLatch scanned;
    private volatile boolean closed;

    /** Report bytes received since the last collection, and when the last one came. */
    private final java.util.concurrent.atomic.AtomicLong received =
            new java.util.concurrent.atomic.AtomicLong(IDLE_GC_BYTES); // collect after start-up too

    private volatile long lastReceived = System.nanoTime();
    private volatile ProviderMessage.@Nullable Ready lastReady;

    /**
     * @param probeRead a file no provider worker may read (the config), its start-up read probe
     */
    ProviderWorkers(
            Map<Provider, List<Path>> roots,
            IngestSink sink,
            WorkerRuntime runtime,
            boolean landlock,
            SandboxMode mode,
            AuditLog audit,
            CaptureActivity activity,
            InstantSource clock,
            @Nullable Path probeRead) {
        this.roots = Map.copyOf(roots);
        this.sink = requireNonNull(sink, "sink");
        this.runtime = requireNonNull(runtime, "runtime");
        this.landlock = landlock;
        this.mode = requireNonNull(mode, "mode");
        this.audit = requireNonNull(audit, "audit");
        this.activity = requireNonNull(activity, "activity");
        this.clock = requireNonNull(clock, "clock");
        this.probeRead = probeRead;
    }

    @Override
    public synchronized void start() {
        if (scanned != null) {
            throw new IllegalStateException("provider workers can be started once");
        }
        List<Provider> providers =
                roots.entrySet().stream()
                        .filter(e -> !e.getValue().isEmpty())
                        .map(Map.Entry::getKey)
                        .sorted()
                        .toList();
        CountDownLatch latch = new CountDownLatch(providers.size());
        scanned = latch;
        for (Provider p : providers) {
            Supervisor s = new Supervisor(p, roots.get(p), latch);
            supervisors.add(s);
            Thread t = Thread.ofPlatform().daemon().name("kato-provider-" + p.id()).unstarted(s);
            threads.add(t);
            t.start();
        }
        Thread poll =
                Thread.ofPlatform().daemon().name("kato-provider-roots").unstarted(this::pollRoots);
        threads.add(poll);
        poll.start();
    }

    @Override
    public boolean awaitInitialScan(Duration timeout) throws InterruptedException {
        CountDownLatch latch = scanned;
        return latch == null || latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** What the most recently started worker reported about its own confinement. */
    Optional<ProviderMessage.Ready> lastReady() {
        return Optional.ofNullable(lastReady);
    }

    /** The pids of the running workers, by provider (for tests). */
    Map<Provider, Long> running() {
        Map<Provider, Long> pids = new java.util.EnumMap<>(Provider.class);
        for (Supervisor s : supervisors) {
            ProviderProcess p = s.current;
            if (p != null) {
                pids.put(s.provider, p.pid());
            }
        }
        return pids;
    }

    @Override
    public void close() {
        closed = true;
        for (Supervisor s : supervisors) {
            ProviderProcess p = s.current;
            if (p != null) {
                p.kill();
            }
        }
        for (Thread t : threads) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Every {@link #ROOT_POLL}: restarts a worker whose set of existing roots (or their identity)
     * changed, and collects the daemon's heap once a burst of reports (the start-up catch-up, a
     * large append) is followed by a quiet poll interval, so that the serial collector gives the
     * memory the burst needed back to the system.
     */
    private void pollRoots() {
        while (!closed) {
            try {
                Thread.sleep(ROOT_POLL);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            if (received.get() >= IDLE_GC_BYTES && now - lastReceived >= ROOT_POLL.toNanos()) {
                received.set(0);
                for (int i = 0; i < 4; i++) {
                    System.gc(); // see ProviderWorker: the serial collector shrinks in steps
                }
            }
            for (Supervisor s : supervisors) {
                ProviderProcess p = s.current;
                if (p != null && !identities(s.configured).equals(s.startedWith)) {
                    s.rootsChanged = true;
                    p.kill();
                }
            }
        }
    }

    /** The configured roots that exist now, as directories. */
    private static List<Path> existing(List<Path> configured) {
        return configured.stream().filter(Files::isDirectory).toList();
    }

    /** Each existing root with its file identity; a root replaced by another directory differs. */
    private static List<String> identities(List<Path> configured) {
        List<String> out = new ArrayList<>();
        for (Path root : existing(configured)) {
            try {
                Object key = Files.readAttributes(root, BasicFileAttributes.class).fileKey();
                out.add(root + "=" + Objects.toString(key, ""));
            } catch (IOException e) {
                // gone again: not part of the set
            }
        }
        return out;
    }

    /** Supervises one provider's worker for the daemon's lifetime. */
    private final class Supervisor implements Runnable {
        final Provider provider;
        final List<Path> configured;
        final CountDownLatch scanned;
        final List<Path> rootsAtStart;
        volatile @Nullable ProviderProcess current;
        volatile List<String> startedWith = List.of();
        volatile boolean rootsChanged;
        private boolean reportedScan;
        private int failures;

        Supervisor(Provider provider, List<Path> configured, CountDownLatch scanned) {
            this.provider = provider;
            this.configured = List.copyOf(configured);
            this.scanned = scanned;
            this.rootsAtStart = existing(configured);
        }

        @Override
        public void run() {
            while (!closed) {
                List<String> identity = identities(configured);
                List<Path> here = existing(configured);
                if (here.isEmpty()) {
                    scanDone(); // nothing to read until a root appears
                    if (!pause(ROOT_POLL)) {
                        return;
                    }
                    continue;
                }
                Instant started = clock.instant();
                String ended = runOnce(here, identity);
                if (closed) {
                    return;
                }
                if (rootsChanged) {
                    rootsChanged = false;
                    audit(
                            new AuditEvent.WorkerEnded(
                                    Role.PROVIDER_WORKER.id(),
                                    "restarted",
                                    here.getFirst().toString(),
                                    "its session roots changed"));
                    continue;
                }
                if (Duration.between(started, clock.instant()).compareTo(HEALTHY) > 0) {
                    failures = 0;
                }
                failures++;
                audit(
                        new AuditEvent.WorkerEnded(
                                Role.PROVIDER_WORKER.id(),
                                "crashed",
                                here.getFirst().toString(),
                                ended));
                activity.error(
                        "ingest",
                        "the "
                                + provider.id()
                                + " provider worker ended unexpectedly; it is"
                                + " restarted and reads on from the stored cursors");
                scanDone(); // do not hold the daemon's start back for a failing worker
                if (!pause(backoff(failures))) {
                    return;
                }
            }
        }

        /** Runs one worker until it ends; returns why it ended. */
        private String runOnce(List<Path> here, List<String> identity) {
            ProviderProcess process;
            try {
                process =
                        ProviderProcess.start(
                                new ProviderStart(
                                        mode, provider, here, Optional.ofNullable(probeRead)),
                                runtime,
                                landlock);
            } catch (IOException e) {
                auditStart(null, "start-failed");
                return "could not start: " + e.getMessage();
            }
            ProviderMessage.Ready ready = process.ready();
            lastReady = ready;
            boolean confined = ready.landlock() && ready.seccomp() && ready.undenied().isEmpty();
            auditStart(
                    ready,
                    confined
                            ? "confined"
                            : mode == SandboxMode.REQUIRED ? "refused" : "unconfined");
            if (!confined) {
                activity.error(
                        "sandbox",
                        "a provider worker runs without full confinement"
                                + (ready.undenied().isEmpty()
                                        ? ""
                                        : "; probes not denied: " + ready.undenied())
                                + " (sandbox.mode: "
                                + mode.configValue()
                                + ")");
            }
            startedWith = identity;
            current = process;
            try {
                if (rootsChanged || closed) {
                    return "stopped";
                }
                process.begin(cursors(sink.resume(here)));
                ProviderReports reports = new ProviderReports(provider, here);
                while (true) {
                    Optional<ProviderMessage> next = process.next();
                    if (next.isEmpty()) {
                        return "ended: " + process.endReport();
                    }
                    if (next.get() instanceof ProviderMessage.Batch b) {
                        received.addAndGet(b.data().length);
                        lastReceived = System.nanoTime();
                    }
                    handle(next.get(), reports);
                }
            } catch (FrameException e) {
                return "protocol: " + e.getMessage() + "; " + killed(process);
            } catch (IOException e) {
                return "pipe: " + e.getClass().getSimpleName() + "; " + killed(process);
            } finally {
                current = null;
                process.close();
            }
        }

        private String killed(ProviderProcess process) {
            process.kill();
            return process.endReport();
        }

        private void handle(ProviderMessage message, ProviderReports reports)
                throws FrameException {
            switch (message) {
                case ProviderMessage.Appeared a ->
                        sink.fileAppeared(
                                reports.checked(a.file()),
                                a.presentAtStart() && underRootsAtStart(a.file().path()));
                case ProviderMessage.Batch b -> {
                    ProviderReports.Lines lines = reports.lines(b);
                    SessionFile file = reports.checked(b.file());
                    sink.batch(
                            new IngestBatch(
                                    file,
                                    underRootsAtStart(file.path())
                                            ? b.provenance()
                                            : Provenance.LIVE,
                                    lines.events(),
                                    b.anomalies(),
                                    b.cursor()),
                            lines.rendered());
                }
                case ProviderMessage.Reset r ->
                        sink.fileReset(reports.checked(r.file()), r.reason());
                case ProviderMessage.Removed r -> sink.fileRemoved(reports.checked(r.file()));
                case ProviderMessage.Failed f -> {
                    if (f.file().isPresent()) {
                        reports.checked(f.file().get());
                    }
                    activity.error(
                            "ingest",
                            f.description()
                                    + " reading "
                                    + provider.id()
                                    + " logs (in its worker)");
                }
                case ProviderMessage.Stopped s ->
                        throw new FrameException("the worker stopped reading: " + s.description());
                case ProviderMessage.Scanned s -> scanDone();
                case ProviderMessage.Ready r -> throw new FrameException("a second ready report");
            }
        }

        /**
         * Whether {@code file} lies under a root that existed when the daemon started: files under
         * a root created later were all made while the daemon watched for it, so they count as
         * found while running and their content as live (as the in-process reader reports them),
         * even though the worker that reads them starts after they exist.
         */
        private boolean underRootsAtStart(Path file) {
            return rootsAtStart.stream().anyMatch(file::startsWith);
        }

        private void scanDone() {
            if (!reportedScan) {
                reportedScan = true;
                scanned.countDown();
            }
        }

        private void auditStart(ProviderMessage.@Nullable Ready ready, String outcome) {
            audit(
                    new AuditEvent.SandboxConfinement(
                            new CorrelationId().value(),
                            Role.PROVIDER_WORKER.id(),
                            mode.configValue(),
                            !landlock
                                    ? "not-applied"
                                    : ready == null
                                            ? "missing"
                                            : ConfinementStatus.word(ready.landlock()),
                            ready == null ? "missing" : ConfinementStatus.word(ready.seccomp()),
                            outcome));
        }
    }

    private static List<ProviderRequest.FileCursor> cursors(Map<Path, IngestCursor> stored) {
        List<ProviderRequest.FileCursor> out = new ArrayList<>(stored.size());
        stored.forEach((p, c) -> out.add(new ProviderRequest.FileCursor(p, c)));
        return out;
    }

    static Duration backoff(int failures) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 10));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    /** Sleeps unless closing; false when the daemon is closing. */
    private boolean pause(Duration d) {
        try {
            Thread.sleep(d);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void audit(AuditEvent event) {
        try {
            audit.record(event);
        } catch (IOException e) {
            activity.error(
                    "audit",
                    "could not record a provider worker event: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "ProviderWorkers[providers=" + supervisors.size() + ", landlock=" + landlock + "]";
    }
}

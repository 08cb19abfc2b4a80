package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.audit.AuditEvent;
import dev.kato.audit.AuditLog;
import dev.kato.config.SandboxMode;
import dev.kato.event.Provider;
import dev.kato.ingest.Ingestion;
import dev.kato.ipc.IdleCollector;
import dev.kato.ipc.ProviderMessage;
import dev.kato.ipc.ProviderProcess;
import dev.kato.sandbox.WorkerRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * restarts the worker with the new set of roots, since Landlock grants only paths that exist; a
 * confined daemon can hand on only roots that existed at its own start, so such a root is left out
 * and named in the status until {@code kato restart}.
 */
final class ProviderWorkers implements Ingestion {
    static final Duration ROOT_POLL = Duration.ofSeconds(2);

    private final Map<Provider, List<Path>> roots;
    final IngestSink sink;
    final WorkerRuntime runtime;
    final boolean landlock;
    final SandboxMode mode;
    private final AuditLog audit;
    final CaptureActivity activity;
    final InstantSource clock;
    final @Nullable Path probeRead;
    private final List<ProviderSupervisor> supervisors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private @Nullable CountDownLatch scanned;
    private volatile boolean closed;

    /** The daemon's collector: reports count as work. */
    private final IdleCollector idle;

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
            @Nullable Path probeRead,
            IdleCollector idle) {
        this.roots = Map.copyOf(roots);
        this.sink = requireNonNull(sink, "sink");
        this.runtime = requireNonNull(runtime, "runtime");
        this.landlock = landlock;
        this.mode = requireNonNull(mode, "mode");
        this.audit = requireNonNull(audit, "audit");
        this.activity = requireNonNull(activity, "activity");
        this.clock = requireNonNull(clock, "clock");
        this.probeRead = probeRead;
        this.idle = requireNonNull(idle, "idle");
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
            ProviderSupervisor s = new ProviderSupervisor(this, p, roots.get(p), latch);
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

    @Override
    public void close() {
        closed = true;
        for (ProviderSupervisor s : supervisors) {
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
     * changed.
     */
    private void pollRoots() {
        while (!closed) {
            try {
                Thread.sleep(ROOT_POLL);
            } catch (InterruptedException e) {
                return;
            }
            for (ProviderSupervisor s : supervisors) {
                ProviderProcess p = s.current;
                if (p != null
                        && !ProviderSupervisor.identities(s.configured).equals(s.startedWith)) {
                    s.rootsChanged = true;
                    p.kill();
                }
            }
        }
    }

    boolean closed() {
        return closed;
    }

    /** A worker started and reported {@code ready}. */
    void started(ProviderMessage.Ready ready) {
        lastReady = ready;
    }

    /** A worker reported a batch of {@code bytes}. */
    void received(long bytes) {
        idle.worked(bytes);
    }

    /** Sleeps unless closing; false when the daemon is closing. */
    boolean pause(Duration d) {
        try {
            Thread.sleep(d);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    void audit(AuditEvent event) {
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

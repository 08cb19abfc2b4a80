package dev.kato.daemon;

import dev.kato.audit.AuditEvent;
import dev.kato.config.SandboxMode;
import dev.kato.event.Provider;
import dev.kato.ingest.IngestCursor;
import dev.kato.ingest.Provenance;
import dev.kato.ingest.SessionFile;
import dev.kato.ipc.FrameException;
import dev.kato.ipc.ProviderMessage;
import dev.kato.ipc.ProviderProcess;
import dev.kato.ipc.ProviderRequest;
import dev.kato.ipc.ProviderStart;
import dev.kato.sandbox.ConfinementStatus;
import dev.kato.sandbox.Role;
import dev.kato.vault.RenderedBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * Supervises one provider's worker for the daemon's lifetime (one thread): starts it on the
 * provider's existing roots, hands it the stored cursors, passes its checked reports to the sink,
 * and restarts it after a crash (backing off) or when its set of roots changed.
 */
final class ProviderSupervisor implements Runnable {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    /** A worker that ran this long without failing starts its back-off afresh. */
    private static final Duration HEALTHY = Duration.ofMinutes(1);

    private final ProviderWorkers owner;
    final Provider provider;
    final List<Path> configured;
    final CountDownLatch scanned;
    final List<Path> rootsAtStart;
    volatile @Nullable ProviderProcess current;
    volatile List<String> startedWith = List.of();
    volatile boolean rootsChanged;
    private boolean reportedScan;
    private int failures;

    ProviderSupervisor(
            ProviderWorkers owner,
            Provider provider,
            List<Path> configured,
            CountDownLatch scanned) {
        this.owner = owner;
        this.provider = provider;
        this.configured = List.copyOf(configured);
        this.scanned = scanned;
        this.rootsAtStart = existing(configured);
    }

    private final java.util.Set<Path> reportedUnreachable = new java.util.HashSet<>();

    @Override
    public void run() {
        while (!owner.closed()) {
            List<String> identity = identities(configured);
            List<Path> here = reachable(existing(configured));
            if (here.isEmpty()) {
                scanDone(); // nothing to read until a root appears
                if (!owner.pause(ProviderWorkers.ROOT_POLL)) {
                    return;
                }
                continue;
            }
            Instant started = owner.clock.instant();
            String ended = runOnce(here, identity);
            if (owner.closed()) {
                return;
            }
            if (rootsChanged) {
                rootsChanged = false;
                owner.audit(
                        new AuditEvent.WorkerEnded(
                                Role.PROVIDER_WORKER.id(),
                                "restarted",
                                here.getFirst().toString(),
                                "its session roots changed"));
                continue;
            }
            if (Duration.between(started, owner.clock.instant()).compareTo(HEALTHY) > 0) {
                failures = 0;
            }
            failures++;
            owner.audit(
                    new AuditEvent.WorkerEnded(
                            Role.PROVIDER_WORKER.id(),
                            "crashed",
                            here.getFirst().toString(),
                            ended));
            owner.activity.error(
                    "ingest",
                    "the "
                            + provider.id()
                            + " provider worker ended unexpectedly; it is"
                            + " restarted and reads on from the stored cursors");
            scanDone(); // do not hold the daemon's start back for a failing worker
            if (!owner.pause(backoff(failures))) {
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
                                    owner.mode,
                                    provider,
                                    here,
                                    Optional.ofNullable(owner.probeRead)),
                            owner.runtime,
                            owner.landlock);
        } catch (IOException e) {
            auditStart(null, "start-failed");
            return "could not start: " + e.getMessage();
        }
        ProviderMessage.Ready ready = process.ready();
        owner.started(ready);
        boolean confined = ready.landlock() && ready.seccomp() && ready.undenied().isEmpty();
        auditStart(
                ready,
                confined
                        ? "confined"
                        : owner.mode == SandboxMode.REQUIRED ? "refused" : "unconfined");
        if (!confined) {
            owner.activity.error(
                    "sandbox",
                    "a provider worker runs without full confinement"
                            + (ready.undenied().isEmpty()
                                    ? ""
                                    : "; probes not denied: " + ready.undenied())
                            + " (sandbox.mode: "
                            + owner.mode.configValue()
                            + ")");
        }
        startedWith = identity;
        current = process;
        try {
            if (rootsChanged || owner.closed()) {
                return "stopped";
            }
            process.begin(cursors(owner.sink.resume(here)));
            ProviderReports reports = new ProviderReports(provider, here);
            while (true) {
                Optional<ProviderMessage> next = process.next();
                if (next.isEmpty()) {
                    return "ended: " + process.endReport();
                }
                if (next.get() instanceof ProviderMessage.Batch b) {
                    owner.received(b.data().length);
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

    private void handle(ProviderMessage message, ProviderReports reports) throws FrameException {
        switch (message) {
            case ProviderMessage.Appeared a -> {
                SessionFile file = reports.checked(a.file());
                // only files that exist are remembered: a worker cannot grow the daemon's
                // bookkeeping with names it made up
                if (Files.exists(file.path(), LinkOption.NOFOLLOW_LINKS)) {
                    owner.sink.fileAppeared(
                            file, a.presentAtStart() && underRootsAtStart(file.path()));
                }
            }
            case ProviderMessage.Batch b -> {
                RenderedBatch lines = reports.lines(b);
                SessionFile file = reports.checked(b.file());
                owner.sink.batch(
                        file,
                        underRootsAtStart(file.path()) ? b.provenance() : Provenance.LIVE,
                        b.cursor(),
                        lines);
            }
            case ProviderMessage.Reset r ->
                    owner.sink.fileReset(reports.checked(r.file()), r.reason());
            case ProviderMessage.Removed r -> owner.sink.fileRemoved(reports.checked(r.file()));
            case ProviderMessage.Failed f -> {
                if (f.file().isPresent()) {
                    reports.checked(f.file().get());
                }
                owner.activity.error(
                        "ingest",
                        f.description() + " reading " + provider.id() + " logs (in its worker)");
            }
            case ProviderMessage.Stopped s ->
                    throw new FrameException("the worker stopped reading: " + s.description());
            case ProviderMessage.Scanned s -> scanDone();
            case ProviderMessage.Ready r -> throw new FrameException("a second ready report");
        }
    }

    /**
     * Whether {@code file} lies under a root that existed when the daemon started: files under a
     * root created later were all made while the daemon watched for it, so they count as found
     * while running and their content as live (as the in-process reader reports them), even though
     * the worker that reads them starts after they exist.
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
        owner.audit(
                new AuditEvent.SandboxConfinement(
                        new CorrelationId().value(),
                        Role.PROVIDER_WORKER.id(),
                        owner.mode.configValue(),
                        !owner.landlock
                                ? "not-applied"
                                : ready == null
                                        ? "missing"
                                        : ConfinementStatus.word(ready.landlock()),
                        ready == null ? "missing" : ConfinementStatus.word(ready.seccomp()),
                        outcome));
    }

    /** The configured roots that exist now, as directories. */
    static List<Path> existing(List<Path> configured) {
        return configured.stream().filter(Files::isDirectory).toList();
    }

    /**
     * The roots this process may list. A confined daemon holds read on the roots that existed when
     * it started, and can hand on no more: a root created (or replaced) later is denied until
     * {@code kato restart}, and said so once.
     */
    private List<Path> reachable(List<Path> roots) {
        List<Path> out = new ArrayList<>(roots.size());
        for (Path root : roots) {
            try {
                Files.newDirectoryStream(root).close();
                out.add(root);
                reportedUnreachable.remove(root);
            } catch (java.nio.file.AccessDeniedException e) {
                if (reportedUnreachable.add(root)) {
                    owner.activity.error(
                            "ingest",
                            "the session root "
                                    + root
                                    + " appeared or was replaced after the daemon started, and the"
                                    + " confined daemon cannot hand it to a log reader; run 'kato"
                                    + " restart'");
                }
            } catch (IOException e) {
                out.add(root); // gone or unreadable otherwise: the worker reports what it finds
            }
        }
        return out;
    }

    /** Each existing root with its file identity; a root replaced by another directory differs. */
    static List<String> identities(List<Path> configured) {
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

    private static List<ProviderRequest.FileCursor> cursors(Map<Path, IngestCursor> stored) {
        List<ProviderRequest.FileCursor> out = new ArrayList<>(stored.size());
        stored.forEach((p, c) -> out.add(new ProviderRequest.FileCursor(p, c)));
        return out;
    }

    static Duration backoff(int failures) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 10));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    @Override
    public String toString() {
        return "ProviderSupervisor[" + provider.id() + "]";
    }
}

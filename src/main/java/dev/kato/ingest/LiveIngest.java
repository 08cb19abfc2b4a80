package dev.kato.ingest;

import static java.util.Objects.requireNonNull;

import dev.kato.event.Provider;
import dev.kato.ingest.FileTail.TailRead;
import dev.kato.provider.ParsedBatch;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Live ingestion: a {@link SessionWatcher} and one {@link FileTail} per session file, driven by one
 * thread from the injected factory, which reads several files at once with helper threads from the
 * same factory ({@link LiveIngestOptions#readers}). The thread sleeps in the watch service (inotify
 * on Linux) until a hint or the safety-net rescan is due, so an idle daemon costs no CPU; an append
 * reaches the {@link IngestListener} as soon as the kernel reports it.
 *
 * <p>Files are read round-robin, at most {@link LiveIngestOptions#maxBytesPerRead} per turn, so a
 * huge file never stalls the others. A failing file is reported and retried on its next change.
 *
 * <p>Lifecycle: construct, {@link #start()}, {@link #close()} (owned by the daemon).
 */
public final class LiveIngest implements Ingestion {
    private static final long JOIN_MILLIS = 5_000;

    private final Map<Provider, List<Path>> roots;
    private final Map<Path, IngestCursor> cursors;
    private final LiveIngestOptions options;
    private final IngestListener listener;
    private final ThreadFactory threads;
    private final InstantSource clock;
    private final TurnReaders readers;
    private final Map<Path, Tracked> tails = new HashMap<>();
    private final Set<Path> pending = new LinkedHashSet<>();

    private final CountDownLatch initialScan = new CountDownLatch(1);
    private volatile boolean closed;
    private @Nullable SessionWatcher watcher;
    private @Nullable Thread thread;

    /**
     * @param roots the approved session roots per provider (roots that do not exist yet are watched
     *     for creation)
     * @param cursors persisted cursors by file path; files without one are read from byte 0
     * @param threads makes the single ingest thread (named, daemon)
     * @param clock schedules the safety-net rescan
     */
    public LiveIngest(
            Map<Provider, List<Path>> roots,
            Map<Path, IngestCursor> cursors,
            LiveIngestOptions options,
            IngestListener listener,
            ThreadFactory threads,
            InstantSource clock) {
        this.roots = Map.copyOf(roots);
        this.cursors = new HashMap<>();
        cursors.forEach((p, c) -> this.cursors.put(p.toAbsolutePath().normalize(), c));
        this.options = requireNonNull(options, "options");
        this.listener = requireNonNull(listener, "listener");
        this.threads = requireNonNull(threads, "threads");
        this.clock = requireNonNull(clock, "clock");
        this.readers = new TurnReaders(options.readers(), options.chunkBytes(), threads);
    }

    /**
     * Starts the ingest thread: it reports every session file under the roots as present at start
     * and reads them, then follows changes.
     *
     * @throws IOException when the watch service cannot be created
     */
    @Override
    public synchronized void start() throws IOException {
        if (thread != null || closed) {
            throw new IllegalStateException("LiveIngest can be started once");
        }
        WatchService ws = options.watchHints() ? FileSystems.getDefault().newWatchService() : null;
        SessionWatcher w = new SessionWatcher(roots, new WatcherEvents(), ws);
        watcher = w;
        Thread t = threads.newThread(() -> run(w));
        thread = t;
        t.start();
    }

    /**
     * Waits until the start-up scan has registered every root and reported every file present at
     * start; files created after this returns are reported with {@code presentAtStart == false}.
     *
     * @return false when {@code timeout} elapsed first
     */
    @Override
    public boolean awaitInitialScan(Duration timeout) throws InterruptedException {
        return initialScan.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops the thread and waits for it (up to 5 s); safe to call more than once. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        SessionWatcher w = watcher;
        Thread t = thread;
        if (w != null) {
            w.close(); // wakes a thread waiting in the watch service
        }
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        readers.close();
    }

    private void run(SessionWatcher w) {
        long rescanMillis = options.rescanInterval().toMillis();
        try {
            try {
                guarded(null, w::start);
            } finally {
                initialScan.countDown();
            }
            long nextRescan = clock.millis() + rescanMillis;
            while (!closed) {
                readPending();
                long now = clock.millis();
                if (now >= nextRescan) {
                    guarded(null, w::rescanAll);
                    nextRescan = now + rescanMillis;
                    continue;
                }
                long wait = pending.isEmpty() ? nextRescan - now : 0;
                if (options.watchHints()) {
                    w.awaitHints(wait);
                } else if (wait > 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closing
        } catch (Error e) {
            try {
                listener.stopped(e);
            } catch (RuntimeException ignored) {
                // the listener's own failure cannot be reported anywhere else
            }
        }
    }

    /**
     * One turn for every file with unread bytes, in the order they became pending; with more than
     * one reader, several files are read at once (each by one thread).
     */
    private void readPending() throws InterruptedException {
        List<Path> turn = List.copyOf(pending);
        pending.clear();
        boolean[] more = new boolean[turn.size()];
        readers.run(
                turn.size(),
                (i, buffer) -> {
                    Tracked t = tails.get(turn.get(i));
                    if (closed || t == null) {
                        return;
                    }
                    try {
                        more[i] = readOnce(t, buffer);
                    } catch (IOException | RuntimeException e) {
                        reportFailure(t.tail.file(), e);
                    }
                });
        for (int i = 0; i < more.length; i++) {
            if (more[i]) {
                pending.add(turn.get(i));
            }
        }
    }

    /** Reads one turn of one file; true when it has more to read at once. */
    private boolean readOnce(Tracked t, byte[] buffer) throws IOException {
        ParsedBatch got = new ParsedBatch();
        SessionFile file = t.tail.file();
        boolean catchingUp = t.catchingUp;
        TailRead read = t.tail.readNew(got, catchingUp ? t.startSize : Long.MAX_VALUE, buffer);
        switch (read.status()) {
            case DELETED -> {
                return false; // the watcher reports the removal
            }
            case TRUNCATED, REPLACED -> {
                listener.fileReset(file, read.status());
                catchingUp = false;
                t.catchingUp = false;
            }
            case READ -> {}
        }
        if (t.catchingUp
                && (t.tail.isDocument()
                        ? read.bytesRead() > 0
                        : t.tail.position() >= t.startSize)) {
            t.catchingUp = false;
        }
        IngestCursor cursor = t.tail.cursor();
        if (!got.isEmpty() || !cursor.equals(t.delivered)) {
            Provenance provenance = catchingUp ? Provenance.PRESENT_AT_START : Provenance.LIVE;
            listener.batch(
                    new IngestBatch(file, provenance, got.events(), got.anomalies(), cursor));
            t.delivered = cursor;
        }
        // After catch-up, look once more for bytes appended since start-up.
        return read.more() || (catchingUp && !t.catchingUp);
    }

    private void guarded(@Nullable SessionFile file, Runnable action) {
        try {
            action.run();
        } catch (ClosedWatchServiceException e) {
            throw e;
        } catch (RuntimeException e) {
            reportFailure(file, e);
        }
    }

    private void reportFailure(@Nullable SessionFile file, Exception e) {
        try {
            listener.failed(file, e);
        } catch (RuntimeException ignored) {
            // the listener's own failure cannot be reported anywhere else
        }
    }

    /** Reacts to the watcher: creates, wakes and drops tails. */
    private final class WatcherEvents implements SessionWatcher.Listener {
        @Override
        public void fileAppeared(SessionFile file, boolean presentAtStart) {
            Path path = file.path();
            if (tails.containsKey(path)) {
                pending.add(path);
                return;
            }
            guarded(file, () -> listener.fileAppeared(file, presentAtStart));
            FileTail tail =
                    new FileTail(
                            file,
                            cursors.remove(path),
                            options.parserLimits(),
                            readers.buffer(),
                            options.maxBytesPerRead());
            long startSize =
                    presentAtStart
                            ? DirectorySnapshot.tryStat(path).map(a -> a.size()).orElse(0L)
                            : 0;
            tails.put(path, new Tracked(tail, presentAtStart, startSize));
            pending.add(path);
        }

        @Override
        public void fileChanged(SessionFile file) {
            if (tails.containsKey(file.path())) {
                pending.add(file.path());
            } else {
                fileAppeared(file, false);
            }
        }

        @Override
        public void fileRemoved(SessionFile file) {
            pending.remove(file.path());
            if (tails.remove(file.path()) != null) {
                guarded(file, () -> listener.fileRemoved(file));
            }
        }
    }

    private static final class Tracked {
        final FileTail tail;
        final long startSize;
        boolean catchingUp;
        @Nullable IngestCursor delivered;

        Tracked(FileTail tail, boolean presentAtStart, long startSize) {
            this.tail = tail;
            this.catchingUp = presentAtStart;
            this.startSize = startSize;
        }
    }

    @Override
    public String toString() {
        return "LiveIngest[files=" + tails.size() + ", closed=" + closed + "]";
    }
}

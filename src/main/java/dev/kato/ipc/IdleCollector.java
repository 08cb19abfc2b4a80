package dev.kato.ipc;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Gives a process's heap back to the system after a burst of work (frames through a worker pipe).
 * Once at least {@code burstBytes} went through since the last collection and nothing for {@code
 * quiet}, it collects four times: the serial collector shrinks the old generation by a growing
 * share per collection (none, 10 %, 40 %, then everything free beyond {@code MaxHeapFreeRatio}),
 * and the young generation follows the old one. An idle process thus returns to a small heap
 * instead of keeping what its largest burst (a catch-up, a long snapshot) needed. Used by the
 * workers and by the daemon for the reports it receives.
 *
 * <p>A collector made by {@link #roomyWhileBusy} also lets the heap grow during a burst ({@link
 * HeapFreeRatios}): as soon as {@code burstBytes} went through, its thread widens the heap's free
 * ratios, and the idle collection narrows them again before it collects. The switch runs on the
 * collector's own thread, so the first one (which loads the JVM's management classes) never delays
 * the work that triggered it. Thread-safe.
 */
public final class IdleCollector {
    private final long burstBytes;
    private final Duration quiet;
    private final LongSupplier nanoClock;
    private final Runnable collect;
    private final Supplier<HeapSizing> sizing;
    private @Nullable HeapSizing heap; // made on first use, on the collector's thread
    private long sinceCollection;
    private long last;
    private boolean busyWanted;
    private boolean busyApplied;
    private volatile @Nullable Thread thread;

    /**
     * A collector that leaves the heap's sizing as the JVM started.
     *
     * @param startCollected false to collect after the first quiet spell as well (the start-up work
     *     counts as a burst)
     */
    public IdleCollector(long burstBytes, Duration quiet, boolean startCollected) {
        this(
                burstBytes,
                quiet,
                startCollected,
                System::nanoTime,
                IdleCollector::collectFourTimes,
                () -> HeapSizing.FIXED);
    }

    /**
     * A collector that also lets the heap grow during a burst: for processes whose bursts are long
     * (a catch-up), not for those whose first burst is latency-sensitive (a writer's first write).
     */
    public static IdleCollector roomyWhileBusy(
            long burstBytes, Duration quiet, boolean startCollected) {
        return new IdleCollector(
                burstBytes,
                quiet,
                startCollected,
                System::nanoTime,
                IdleCollector::collectFourTimes,
                HeapFreeRatios::ofThisVm);
    }

    /** With the clock, the collection and the heap's sizing given (tests stand in for them). */
    IdleCollector(
            long burstBytes,
            Duration quiet,
            boolean startCollected,
            LongSupplier nanoClock,
            Runnable collect,
            Supplier<HeapSizing> sizing) {
        this.burstBytes = burstBytes;
        this.quiet = quiet;
        this.nanoClock = nanoClock;
        this.collect = collect;
        this.sizing = sizing;
        this.sinceCollection = startCollected ? 0 : burstBytes;
        this.last = nanoClock.getAsLong();
    }

    /** Notes work of {@code bytes}. */
    public void worked(long bytes) {
        boolean burstBegins;
        synchronized (this) {
            sinceCollection += bytes;
            last = nanoClock.getAsLong();
            burstBegins = !busyWanted && sinceCollection >= burstBytes;
            busyWanted |= burstBegins;
        }
        Thread t = thread;
        if (burstBegins && t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Notes work that counts as a whole burst on its own (e.g. a full snapshot rendered). */
    public void burst() {
        worked(burstBytes);
    }

    /**
     * Starts the daemon thread that widens the heap when a burst begins and checks every {@code
     * quiet} whether a collection is due.
     */
    public void start(String threadName) {
        thread = Thread.ofPlatform().daemon().name(threadName).start(this::run);
    }

    /**
     * One round of the collector's thread: the heap widened if a burst began, then a collection if
     * due.
     */
    void step() {
        boolean widen;
        synchronized (this) {
            widen = busyWanted && !busyApplied;
            busyApplied |= widen;
        }
        if (widen) {
            heap().busy();
        }
        collectIfDue();
    }

    /** Collects if a burst was followed by a quiet spell; true when it did. */
    boolean collectIfDue() {
        boolean narrow;
        synchronized (this) {
            if (sinceCollection < burstBytes || nanoClock.getAsLong() - last < quiet.toNanos()) {
                return false;
            }
            sinceCollection = 0;
            narrow = busyApplied;
            busyWanted = false;
            busyApplied = false;
        }
        if (narrow) {
            heap().idle();
        }
        collect.run();
        return true;
    }

    private HeapSizing heap() {
        HeapSizing h = heap;
        if (h == null) {
            h = sizing.get();
            heap = h;
        }
        return h;
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            step(); // first at once: work done before the thread started may have begun a burst
            LockSupport.parkNanos(quiet.toNanos());
        }
    }

    private static void collectFourTimes() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
    }

    @Override
    public synchronized String toString() {
        return "IdleCollector[burst="
                + burstBytes
                + ", pending="
                + sinceCollection
                + (busyApplied ? ", busy" : "")
                + "]";
    }
}

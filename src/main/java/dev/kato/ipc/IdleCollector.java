package dev.kato.ipc;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Gives a process's heap back to the system after a burst of work (frames through a worker pipe).
 * Once at least {@code burstBytes} went through since the last collection and nothing for {@code
 * quiet}, it collects four times: the serial collector shrinks the old generation by a growing
 * share per collection (none, 10 %, 40 %, then everything free beyond {@code MaxHeapFreeRatio}),
 * and the young generation follows the old one. An idle process thus returns to a small heap
 * instead of keeping what its largest burst (a catch-up, a long snapshot) needed. Used by the
 * workers and by the daemon for the reports it receives. Thread-safe.
 */
public final class IdleCollector {
    private final long burstBytes;
    private final Duration quiet;
    private final LongSupplier nanoClock;
    private final Runnable collect;
    private long sinceCollection;
    private long last;

    /**
     * @param startCollected false to collect after the first quiet spell as well (the start-up work
     *     counts as a burst)
     */
    public IdleCollector(long burstBytes, Duration quiet, boolean startCollected) {
        this(burstBytes, quiet, startCollected, System::nanoTime, IdleCollector::collectFourTimes);
    }

    /** With the clock and the collection given (tests stand in for both). */
    IdleCollector(
            long burstBytes,
            Duration quiet,
            boolean startCollected,
            LongSupplier nanoClock,
            Runnable collect) {
        this.burstBytes = burstBytes;
        this.quiet = quiet;
        this.nanoClock = nanoClock;
        this.collect = collect;
        this.sinceCollection = startCollected ? 0 : burstBytes;
        this.last = nanoClock.getAsLong();
    }

    /** Notes work of {@code bytes}. */
    public synchronized void worked(long bytes) {
        sinceCollection += bytes;
        last = nanoClock.getAsLong();
    }

    /** Notes work that counts as a whole burst on its own (e.g. a full snapshot rendered). */
    public void burst() {
        worked(burstBytes);
    }

    /** Starts the daemon thread that checks every {@code quiet} whether a collection is due. */
    public void start(String threadName) {
        Thread.ofPlatform().daemon().name(threadName).start(this::run);
    }

    /** Collects if a burst was followed by a quiet spell; true when it did. */
    boolean collectIfDue() {
        synchronized (this) {
            if (sinceCollection < burstBytes || nanoClock.getAsLong() - last < quiet.toNanos()) {
                return false;
            }
            sinceCollection = 0;
        }
        collect.run();
        return true;
    }

    private void run() {
        while (true) {
            try {
                Thread.sleep(quiet);
            } catch (InterruptedException e) {
                return;
            }
            collectIfDue();
        }
    }

    private static void collectFourTimes() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
    }

    @Override
    public synchronized String toString() {
        return "IdleCollector[burst=" + burstBytes + ", pending=" + sinceCollection + "]";
    }
}

package dev.kato.worker;

import java.time.Duration;

/**
 * Gives a worker's heap back to the system after a burst of work. Once at least {@code burstBytes}
 * went through the worker since the last collection and nothing for {@code quiet}, it collects four
 * times: the serial collector shrinks the old generation by a growing share per collection (none,
 * 10 %, 40 %, then everything free beyond {@code MaxHeapFreeRatio}), and the young generation
 * follows the old one. An idle worker thus returns to a small heap instead of keeping what its
 * largest burst (a catch-up, a long snapshot) needed. Thread-safe.
 */
final class IdleCollector {
    private final long burstBytes;
    private final Duration quiet;
    private long sinceCollection;
    private long last = System.nanoTime();

    /**
     * @param startCollected false to collect after the first quiet spell as well (the start-up work
     *     counts as a burst)
     */
    IdleCollector(long burstBytes, Duration quiet, boolean startCollected) {
        this.burstBytes = burstBytes;
        this.quiet = quiet;
        this.sinceCollection = startCollected ? 0 : burstBytes;
    }

    /** Notes work of {@code bytes}. */
    synchronized void worked(long bytes) {
        sinceCollection += bytes;
        last = System.nanoTime();
    }

    /** Starts the daemon thread that watches for quiet spells. */
    void start(String threadName) {
        Thread.ofPlatform().daemon().name(threadName).start(this::run);
    }

    private void run() {
        while (true) {
            try {
                Thread.sleep(quiet);
            } catch (InterruptedException e) {
                return;
            }
            boolean collect;
            synchronized (this) {
                collect =
                        sinceCollection >= burstBytes
                                && System.nanoTime() - last >= quiet.toNanos();
                if (collect) {
                    sinceCollection = 0;
                }
            }
            if (collect) {
                for (int i = 0; i < 4; i++) {
                    System.gc();
                }
            }
        }
    }

    @Override
    public synchronized String toString() {
        return "IdleCollector[burst=" + burstBytes + ", pending=" + sinceCollection + "]";
    }
}

package dev.kato.ingest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs the reads of one turn on the ingest thread and up to {@code readers - 1} helper threads, so
 * that parsing several session files at once uses every core during catch-up. Each file of a turn
 * is read by exactly one thread, and a turn ends only when all its reads have ended, so the reads
 * of one file never overlap and stay in file order. Each thread reads through its own buffer.
 *
 * <p>An {@link Error} in a helper is thrown again on the ingest thread when the turn ends.
 */
final class TurnReaders implements AutoCloseable {
    /** The read of the file at {@code index} of the turn, through {@code buffer}. */
    @FunctionalInterface
    interface Read {
        void run(int index, byte[] buffer);
    }

    private final byte[][] buffers;
    private final @Nullable ExecutorService helpers;

    /**
     * @param readers threads reading at once, the calling thread included (at least 1)
     * @param bufferBytes size of each thread's read buffer
     * @param threads makes the helper threads
     */
    TurnReaders(int readers, int bufferBytes, ThreadFactory threads) {
        if (readers < 1) {
            throw new IllegalArgumentException("readers must be >= 1, was " + readers);
        }
        requireNonNull(threads, "threads");
        this.buffers = new byte[readers][bufferBytes];
        this.helpers = readers > 1 ? Executors.newFixedThreadPool(readers - 1, threads) : null;
    }

    /** The ingest thread's own buffer. */
    byte[] buffer() {
        return buffers[0];
    }

    /** Runs {@code read} for every index below {@code count} and waits for all of them. */
    void run(int count, Read read) throws InterruptedException {
        ExecutorService pool = helpers;
        if (pool == null || count < 2) {
            for (int i = 0; i < count; i++) {
                read.run(i, buffers[0]);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        int extra = Math.min(buffers.length - 1, count - 1);
        List<Future<?>> started = new ArrayList<>(extra);
        for (int k = 1; k <= extra; k++) {
            byte[] buffer = buffers[k];
            started.add(pool.submit(() -> drain(next, count, read, buffer)));
        }
        Error failure = null;
        try {
            drain(next, count, read, buffers[0]);
        } catch (Error e) {
            failure = e;
        }
        for (Future<?> f : started) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null && e.getCause() instanceof Error error) {
                    failure = error;
                } else if (failure == null && e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void drain(AtomicInteger next, int count, Read read, byte[] buffer) {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            read.run(i, buffer);
        }
    }

    /** Stops the helper threads; a turn in progress is not waited for. */
    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}

package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands what the ingest thread read (parsed batches, resets) to one capture thread that stores and
 * writes it, in the order it was handed over. Reading and parsing one file then overlaps with
 * storing the previous one, which uses the machine's second core during catch-up. The queue is
 * bounded, so a slow store holds the reader back instead of growing the heap.
 *
 * <p>A task that throws an {@link Error} (out of memory) stops the capture thread: the failure is
 * reported once and later tasks are dropped, which loses nothing durable, because a provider log's
 * cursor moves only with a stored batch and the next start reads from there.
 */
final class CaptureQueue implements AutoCloseable {
    /** One unit of capture work. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private static final Task POISON = () -> {};
    private static final long JOIN_MILLIS = 10_000;

    private final BlockingQueue<Task> tasks;
    private final Consumer<Throwable> failed;
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * @param capacity how many tasks may wait (each holds at most one read chunk of events)
     * @param failed told of a task's exception; for an {@link Error}, the last thing it is told
     */
    CaptureQueue(int capacity, ThreadFactory threads, Consumer<Throwable> failed) {
        this.tasks = new ArrayBlockingQueue<>(capacity);
        this.failed = requireNonNull(failed, "failed");
        this.thread = threads.newThread(this::run);
        thread.start();
    }

    /** Queues {@code task}, waiting while the queue is full; dropped once the thread stopped. */
    void submit(Task task) {
        requireNonNull(task, "task");
        try {
            while (!stopped && !tasks.offer(task, 100, TimeUnit.MILLISECONDS)) {
                // full: the capture thread is storing; wait for room unless it has stopped
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            Task task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == POISON) {
                return;
            }
            try {
                task.run();
            } catch (Exception e) {
                failed.accept(e);
            } catch (Error e) { // reported, then the thread ends instead of running on
                stopped = true;
                tasks.clear();
                failed.accept(e);
                return;
            }
        }
    }

    /** Runs what is queued, then stops the thread (waits up to 10 s). */
    @Override
    public void close() {
        if (!stopped) {
            submit(POISON);
        }
        stopped = true;
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

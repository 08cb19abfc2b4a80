package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The hand-over from the reading thread to the capture thread, with real threads. */
class CaptureQueueTest {
    @Test
    void tasksRunInOrder_failuresAreReported_andCloseRunsWhatIsQueued() {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CaptureQueue queue = new CaptureQueue(2, DaemonThreads.platform("test"), failures::add);
        for (int i = 0; i < 50; i++) {
            int n = i;
            queue.submit(() -> {
                if (n == 10) {
                    throw new IOException("disk full");
                }
                ran.add(n);
            });
        }
        queue.close();
        assertThat(ran).hasSize(49).isSorted().doesNotContain(10);
        assertThat(failures).singleElement().isInstanceOf(IOException.class);
    }

    @Test
    void anError_stopsTheThread_isReportedOnce_andLaterTasksAreDropped() throws Exception {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CaptureQueue queue = new CaptureQueue(4, DaemonThreads.platform("test"), failures::add);
        queue.submit(() -> ran.add(1));
        queue.submit(() -> {
            throw new OutOfMemoryError("simulated: the machine cannot be made to run out on cue");
        });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (failures.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        for (int i = 0; i < 20; i++) {
            queue.submit(() -> ran.add(2)); // returns at once: nobody takes tasks any more
        }
        queue.close();
        assertThat(ran).containsExactly(1);
        assertThat(failures).singleElement().isInstanceOf(OutOfMemoryError.class);
    }
}

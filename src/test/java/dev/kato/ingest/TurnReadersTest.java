package dev.kato.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class TurnReadersTest {
    private static final ThreadFactory DAEMONS =
            r -> {
                Thread t = new Thread(r, "turn-reader-test");
                t.setDaemon(true);
                return t;
            };

    @Test
    void everyIndexRunsExactlyOnce_onSeveralThreads_noBufferUsedByTwoAtOnce() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Set<byte[]> buffers = ConcurrentHashMap.newKeySet();
        try (TurnReaders readers = new TurnReaders(3, 64, DAEMONS)) {
            for (int round = 0; round < 50; round++) {
                int count = 200;
                AtomicIntegerArray runs = new AtomicIntegerArray(count);
                Set<byte[]> inUse = ConcurrentHashMap.newKeySet();
                AtomicInteger clashes = new AtomicInteger();
                readers.run(
                        count,
                        (i, buffer) -> {
                            if (!inUse.add(buffer)) {
                                clashes.incrementAndGet();
                            }
                            runs.incrementAndGet(i);
                            threads.add(Thread.currentThread());
                            buffers.add(buffer);
                            busyMicros(50);
                            inUse.remove(buffer);
                        });
                assertThat(clashes.get()).as("a buffer used by two threads at once").isZero();
                for (int i = 0; i < count; i++) {
                    assertThat(runs.get(i)).as("index %d", i).isEqualTo(1);
                }
            }
        }
        // over 50 turns the helpers take part (one turn alone may be drained by the caller)
        assertThat(buffers).hasSizeBetween(2, 3);
        assertThat(threads).hasSizeGreaterThan(1).contains(Thread.currentThread());
    }

    @Test
    void oneReader_runsEverythingOnTheCallingThread() throws Exception {
        try (TurnReaders readers = new TurnReaders(1, 16, DAEMONS)) {
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            readers.run(20, (i, buffer) -> threads.add(Thread.currentThread()));
            assertThat(threads).containsExactly(Thread.currentThread());
        }
    }

    @Test
    void anErrorOnAHelper_isThrownOnTheCallingThread_afterTheTurnEnded() throws Exception {
        try (TurnReaders readers = new TurnReaders(2, 16, DAEMONS)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(40);
            Thread caller = Thread.currentThread();
            CountDownLatch helperRan = new CountDownLatch(1);
            assertThatThrownBy(() ->
                            readers.run(
                                    40,
                                    (i, buffer) -> {
                                        runs.incrementAndGet(i);
                                        if (Thread.currentThread() != caller) {
                                            helperRan.countDown();
                                            throw new OutOfMemoryError("test");
                                        }
                                        awaitQuietly(helperRan);
                                    }))
                    .isInstanceOf(OutOfMemoryError.class)
                    .hasMessage("test");
            int total = 0;
            for (int i = 0; i < 40; i++) {
                assertThat(runs.get(i)).isLessThanOrEqualTo(1);
                total += runs.get(i);
            }
            assertThat(total).as("the caller went on reading the rest").isGreaterThan(1);
        }
    }

    /** The caller waits for the helper's first read, so the helper surely gets one. */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("a helper read").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void busyMicros(long micros) {
        long end = System.nanoTime() + micros * 1_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}

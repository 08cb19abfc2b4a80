package dev.kato.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * When a worker gives its heap back: after a burst followed by a quiet spell, once, and not while
 * work goes on or after small amounts; and that a roomy collector widens the heap when a burst
 * begins and narrows it before collecting. The clock, the collection and the heap's sizing are test
 * doubles (a real collection's effect on the heap is shown by {@code bench/vault-scale.sh}, the
 * real sizing by {@code HeapFreeRatiosTest}).
 */
class IdleCollectorTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger collections = new AtomicInteger();
    private final List<String> log = new ArrayList<>();

    private final HeapSizing sizing =
            new HeapSizing() {
                @Override
                public void busy() {
                    log.add("busy");
                }

                @Override
                public void idle() {
                    log.add("idle");
                }
            };

    private IdleCollector collector(boolean startCollected) {
        return new IdleCollector(
                1_000,
                Duration.ofSeconds(2),
                startCollected,
                now::get,
                () -> {
                    collections.incrementAndGet();
                    log.add("collect");
                },
                () -> sizing);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aBurstThenQuiet_collectsOnce() {
        IdleCollector idle = collector(true);
        idle.worked(600);
        advance(Duration.ofSeconds(3));
        assertThat(idle.collectIfDue()).as("below the burst size").isFalse();
        idle.worked(600);
        advance(Duration.ofSeconds(1));
        assertThat(idle.collectIfDue()).as("not quiet long enough").isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(idle.collectIfDue()).isTrue();
        advance(Duration.ofSeconds(5));
        assertThat(idle.collectIfDue()).as("nothing since").isFalse();
        assertThat(collections).hasValue(1);
    }

    @Test
    void startUpCountsAsABurst_unlessTheCollectorStartsCollected() {
        IdleCollector fresh = collector(false);
        advance(Duration.ofSeconds(2));
        assertThat(fresh.collectIfDue()).isTrue();
        assertThat(collector(true).collectIfDue()).isFalse();
        assertThat(collections).hasValue(1);
    }

    @Test
    void aWholeSnapshot_countsAsABurstOnItsOwn() {
        IdleCollector idle = collector(true);
        idle.worked(10);
        idle.burst();
        advance(Duration.ofSeconds(1));
        assertThat(idle.collectIfDue()).as("not quiet long enough").isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(idle.collectIfDue()).isTrue();
        assertThat(collections).hasValue(1);
    }

    @Test
    void aBurst_widensTheHeapOnce_andTheIdleCollectionNarrowsItBeforeCollecting() {
        IdleCollector idle = collector(true);
        idle.worked(600);
        idle.step();
        assertThat(log).as("below the burst size").isEmpty();
        idle.worked(600);
        idle.step();
        idle.worked(5_000);
        idle.step();
        assertThat(log).containsExactly("busy");
        advance(Duration.ofSeconds(2));
        idle.step();
        assertThat(log).containsExactly("busy", "idle", "collect");
        idle.worked(1_500);
        idle.step();
        assertThat(log).as("the next burst").containsExactly("busy", "idle", "collect", "busy");
    }

    @Test
    void startUpWork_widensTheHeap_unlessTheCollectorStartsCollected() {
        IdleCollector fresh = collector(false);
        fresh.worked(1);
        fresh.step();
        assertThat(log).containsExactly("busy");
        IdleCollector collected = collector(true);
        collected.worked(1);
        collected.step();
        assertThat(log).containsExactly("busy");
    }

    @Test
    void aCollectionWithoutAWidenedHeap_leavesTheSizingAlone() {
        IdleCollector idle = collector(true);
        idle.burst();
        advance(Duration.ofSeconds(2));
        assertThat(idle.collectIfDue()).isTrue();
        assertThat(log).containsExactly("collect");
    }

    /**
     * A started collector on the real clock that counts {@code widened} down when it widens the
     * heap; its quiet spell is long enough that its thread never wakes by itself in a test.
     */
    private IdleCollector signalling(java.util.concurrent.CountDownLatch widened) {
        return new IdleCollector(
                1_000,
                Duration.ofMinutes(10),
                true,
                System::nanoTime,
                collections::incrementAndGet,
                () ->
                        new HeapSizing() {
                            @Override
                            public void busy() {
                                widened.countDown();
                            }

                            @Override
                            public void idle() {}
                        });
    }

    @Test
    void workBeforeTheThreadStarts_widensTheHeapAsSoonAsItStarts() throws Exception {
        java.util.concurrent.CountDownLatch widened = new java.util.concurrent.CountDownLatch(1);
        IdleCollector idle = signalling(widened);
        idle.worked(2_000); // no thread yet to wake
        idle.start("idle-collector-test-late");
        assertThat(widened.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(collections).hasValue(0);
    }

    @Test
    void aStartedCollector_widensTheHeapOnItsThread_soonAfterTheBurstBegins() throws Exception {
        java.util.concurrent.CountDownLatch widened = new java.util.concurrent.CountDownLatch(1);
        IdleCollector idle = signalling(widened);
        idle.start("idle-collector-test");
        idle.worked(2_000);
        assertThat(widened.await(10, java.util.concurrent.TimeUnit.SECONDS))
                .as("the burst woke the collector's thread")
                .isTrue();
        assertThat(collections).hasValue(0);
    }
}

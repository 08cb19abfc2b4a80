package dev.kato.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * When a worker gives its heap back: after a burst followed by a quiet spell, once, and not while
 * work goes on or after small amounts. The clock and the collection are test doubles (a real
 * collection's effect on the heap is shown by {@code bench/vault-scale.sh}, not here).
 */
class IdleCollectorTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger collections = new AtomicInteger();

    private IdleCollector collector(boolean startCollected) {
        return new IdleCollector(
                1_000,
                Duration.ofSeconds(2),
                startCollected,
                now::get,
                collections::incrementAndGet);
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
}

package dev.kato.daemon;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** The daemon's one-way "stop now" switch; the first reason given wins. */
final class StopSignal {
    private final CountDownLatch latch = new CountDownLatch(1);
    private final AtomicReference<String> reason = new AtomicReference<>();

    void request(String why) {
        reason.compareAndSet(null, why);
        latch.countDown();
    }

    /** Blocks until {@link #request} was called; returns the reason. */
    String await() throws InterruptedException {
        latch.await();
        return reason.get();
    }
}

package dev.kato.daemon;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named threads: a platform daemon thread per long-lived loop, a virtual thread per connection. */
final class DaemonThreads {
    private DaemonThreads() {}

    /** Platform daemon threads named {@code prefix-1}, {@code prefix-2}, … */
    static ThreadFactory platform(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + "-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Virtual threads named {@code prefix-1}, {@code prefix-2}, … */
    static ThreadFactory virtual(String prefix) {
        return Thread.ofVirtual().name(prefix + "-", 1).factory();
    }
}

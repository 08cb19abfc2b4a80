package dev.kato.daemon;

import java.util.List;

/**
 * Receives {@link LifecycleEvent}s. The operational log is one sink; the hash-chained security
 * audit log (a later issue) becomes a second one, registered in {@code Daemon} next to it.
 * Implementations must not throw: a failing sink never stops the daemon.
 */
@FunctionalInterface
interface LifecycleSink {
    void record(LifecycleEvent event);

    /** Sends every event to each of {@code sinks}, in order. */
    static LifecycleSink all(List<LifecycleSink> sinks) {
        List<LifecycleSink> copy = List.copyOf(sinks);
        return event -> copy.forEach(s -> s.record(event));
    }
}

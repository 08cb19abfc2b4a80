package dev.kato.ipc;

/** How a process's heap is sized around a burst of work ({@link IdleCollector}). */
interface HeapSizing {
    /** Sizing left as the JVM started. */
    HeapSizing FIXED =
            new HeapSizing() {
                @Override
                public void busy() {}

                @Override
                public void idle() {}

                @Override
                public String toString() {
                    return "HeapSizing.FIXED";
                }
            };

    /** A burst of work began: the heap may grow and stay larger. */
    void busy();

    /** The burst is over: the heap is to shrink back at the next collection. */
    void idle();
}

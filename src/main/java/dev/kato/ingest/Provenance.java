package dev.kato.ingest;

/**
 * Whether content was already on disk when the daemon first saw its file, which decides whether
 * in-chat commands in it run (product.md §5).
 */
public enum Provenance {
    /**
     * Bytes that existed when the file was first seen at start-up. Without a persisted cursor they
     * are history (commands never run); after a cursor they were written during downtime (commands
     * run only if recent enough).
     */
    PRESENT_AT_START,
    /** Appended while the daemon watched the file, or in a file that appeared while it ran. */
    LIVE
}

package dev.kato.ingest;

/** What one read of a session file found besides new bytes. */
public enum TailStatus {
    /** New bytes (possibly none) were read from where the cursor stood. */
    READ,
    /**
     * The file is shorter than the cursor: it was truncated. Reading restarted at byte 0 with a new
     * parser; events already seen come again and are deduplicated by event id.
     */
    TRUNCATED,
    /**
     * A different file (another file key) now sits at the path: replaced or rotated. Reading
     * restarted at byte 0 with a new parser, as for {@link #TRUNCATED}.
     */
    REPLACED,
    /** The file is gone; nothing was read and nothing is kept open. */
    DELETED
}

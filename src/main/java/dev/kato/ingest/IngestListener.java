package dev.kato.ingest;

import org.jspecify.annotations.Nullable;

/**
 * Receives what {@link LiveIngest} finds, in order for each file: {@code fileAppeared} first, then
 * resets and batches in file order, then {@code fileRemoved}. {@code fileAppeared} and {@code
 * fileRemoved} come from the ingest thread; {@code batch}, {@code fileReset} and {@code failed} may
 * come from several reader threads at once, though for different files: implementations must be
 * thread-safe. Methods should return quickly; an exception thrown from one is reported to {@link
 * #failed} and does not stop ingestion.
 */
public interface IngestListener {
    /**
     * A session file was found: at start-up ({@code presentAtStart}) or while running (a new
     * session, a new sub-agent transcript, a root or folder created later).
     */
    void fileAppeared(SessionFile file, boolean presentAtStart);

    /** New events (or just a new cursor) from one file. */
    void batch(IngestBatch batch);

    /**
     * The file was truncated or replaced ({@link TailStatus#TRUNCATED}, {@link
     * TailStatus#REPLACED}); the next batch restarts at byte 0 and repeats events already seen.
     */
    void fileReset(SessionFile file, TailStatus reason);

    /** The file is gone (deleted, or renamed away from a session path); its tail is dropped. */
    void fileRemoved(SessionFile file);

    /**
     * Reading {@code file} failed (retried on its next change), or, with no file, an internal
     * error.
     */
    void failed(@Nullable SessionFile file, Exception cause);

    /**
     * The ingest thread ended on an {@link Error} (e.g. out of memory): nothing more is read until
     * the daemon restarts, which resumes from the stored cursors.
     */
    void stopped(Error cause);
}

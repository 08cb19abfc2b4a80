package dev.kato.ingest;

import java.io.IOException;
import java.time.Duration;

/**
 * Something that reads the providers' session logs and reports to an {@link IngestListener}: {@link
 * LiveIngest} in this process, or the daemon's confined provider workers.
 */
public interface Ingestion extends AutoCloseable {
    /** Starts reading: every file present now is reported as present at start. */
    void start() throws IOException;

    /**
     * Waits until every file present at start has been reported; later files count as live.
     *
     * @return false when {@code timeout} elapsed first
     */
    boolean awaitInitialScan(Duration timeout) throws InterruptedException;

    @Override
    void close() throws IOException;
}

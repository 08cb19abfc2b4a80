package dev.kato.daemon;

import dev.kato.ingest.IngestCursor;
import dev.kato.ingest.IngestListener;
import dev.kato.ingest.Provenance;
import dev.kato.ingest.SessionFile;
import dev.kato.vault.RenderedBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Where the provider workers' checked reports go: the capture service. */
interface IngestSink extends IngestListener {
    /**
     * A batch of {@code file} whose vault lines came from the worker and were read back into its
     * events; {@code cursor} is where reading stands after them.
     */
    void batch(SessionFile file, Provenance provenance, IngestCursor cursor, RenderedBatch lines);

    /**
     * The stored cursors of the files under {@code roots}, for a worker that is (re)starting; from
     * now on these files count as resumed (content up to {@code commands.maxAge} old may run
     * commands), as after a daemon restart.
     */
    Map<Path, IngestCursor> resume(List<Path> roots);
}

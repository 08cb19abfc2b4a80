package dev.kato.ingest;

import static java.util.Objects.requireNonNull;

import dev.kato.event.ConversationEvent;
import dev.kato.provider.Anomaly;
import java.util.List;

/**
 * What one read of one session file produced, in file order, and the cursor to persist once the
 * events are durably handled.
 *
 * @param events the events, in file order (may be empty when only the cursor moved)
 * @param anomalies input the parser skipped, in file order
 * @param cursor where reading stands after these events
 */
public record IngestBatch(
        SessionFile file,
        Provenance provenance,
        List<ConversationEvent> events,
        List<Anomaly> anomalies,
        IngestCursor cursor) {
    public IngestBatch {
        requireNonNull(file, "file");
        requireNonNull(provenance, "provenance");
        events = List.copyOf(events);
        anomalies = List.copyOf(anomalies);
        requireNonNull(cursor, "cursor");
    }

    @Override
    public String toString() {
        return "IngestBatch["
                + file.provider().id()
                + ", "
                + provenance
                + ", events="
                + events.size()
                + ", anomalies="
                + anomalies.size()
                + ", offset="
                + cursor.offset()
                + "]";
    }
}

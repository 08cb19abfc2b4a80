package dev.kato.provider;

import dev.kato.event.ConversationEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a parser reported during one read: its events and anomalies, in order. Not thread-safe. */
public final class ParsedBatch implements ParseSink {
    private final List<ConversationEvent> events = new ArrayList<>();
    private final List<Anomaly> anomalies = new ArrayList<>();

    @Override
    public void event(ConversationEvent event) {
        events.add(event);
    }

    @Override
    public void anomaly(Anomaly anomaly) {
        anomalies.add(anomaly);
    }

    /** The events so far (a read-only view). */
    public List<ConversationEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** The anomalies so far (a read-only view). */
    public List<Anomaly> anomalies() {
        return Collections.unmodifiableList(anomalies);
    }

    public boolean isEmpty() {
        return events.isEmpty() && anomalies.isEmpty();
    }

    @Override
    public String toString() {
        return "ParsedBatch[events=" + events.size() + ", anomalies=" + anomalies.size() + "]";
    }
}

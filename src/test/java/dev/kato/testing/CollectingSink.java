package dev.kato.testing;

import dev.kato.event.ConversationEvent;
import dev.kato.provider.Anomaly;
import dev.kato.provider.ParseSink;
import java.util.ArrayList;
import java.util.List;

/** A {@link ParseSink} that keeps everything, for assertions. */
public final class CollectingSink implements ParseSink {
    public final List<ConversationEvent> events = new ArrayList<>();
    public final List<Anomaly> anomalies = new ArrayList<>();

    @Override
    public void event(ConversationEvent event) {
        events.add(event);
    }

    @Override
    public void anomaly(Anomaly anomaly) {
        anomalies.add(anomaly);
    }
}

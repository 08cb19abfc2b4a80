package dev.kato.provider;

import dev.kato.event.ConversationEvent;

/** Receives what a parser produces, in file order. */
public interface ParseSink {
    void event(ConversationEvent event);

    /** Input that was skipped; counted, never fatal. */
    void anomaly(Anomaly anomaly);
}

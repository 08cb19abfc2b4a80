package dev.kato.vault;

import dev.kato.event.ConversationEvent;
import java.io.IOException;

/** Receives a session's events one at a time, in the order they were stored. */
@FunctionalInterface
public interface EventConsumer {
    void accept(ConversationEvent event) throws IOException;
}

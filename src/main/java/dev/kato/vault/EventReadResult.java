package dev.kato.vault;

import static java.util.Objects.requireNonNull;

import dev.kato.event.ConversationEvent;

/** What {@link JsonlEventReader} made of one line. */
public sealed interface EventReadResult permits EventReadResult.Parsed, EventReadResult.Rejected {

    /** The line was a valid canonical event. */
    record Parsed(ConversationEvent event) implements EventReadResult {
        public Parsed {
            requireNonNull(event, "event");
        }
    }

    /** The line was not a valid canonical event; the reason never quotes the line. */
    record Rejected(String reason) implements EventReadResult {
        public Rejected {
            requireNonNull(reason, "reason");
        }
    }
}

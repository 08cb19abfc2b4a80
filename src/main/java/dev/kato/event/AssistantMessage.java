package dev.kato.event;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/** Text the model wrote. */
public record AssistantMessage(
        EventMeta meta, String text, @Nullable String model, AssistantPhase phase)
        implements ConversationEvent {
    public AssistantMessage {
        requireNonNull(meta, "meta");
        requireNonNull(text, "text");
        requireNonNull(phase, "phase");
    }

    @Override
    public String toString() {
        return "AssistantMessage["
                + meta.eventId()
                + ", model="
                + model
                + ", phase="
                + phase.wireName()
                + ", chars="
                + text.length()
                + "]";
    }
}

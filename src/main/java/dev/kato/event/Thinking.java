package dev.kato.event;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/** The model's visible reasoning or reasoning summary (never encrypted content). */
public record Thinking(EventMeta meta, String text, @Nullable String model)
        implements ConversationEvent {
    public Thinking {
        requireNonNull(meta, "meta");
        requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return "Thinking[" + meta.eventId() + ", chars=" + text.length() + "]";
    }
}

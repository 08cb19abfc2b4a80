package dev.kato.event;

import static java.util.Objects.requireNonNull;

/** Text in a user-role record, with who really wrote it. */
public record UserMessage(EventMeta meta, String text, UserOrigin origin)
        implements ConversationEvent {
    public UserMessage {
        requireNonNull(meta, "meta");
        requireNonNull(text, "text");
        requireNonNull(origin, "origin");
    }

    /** True when in-chat commands in this message may be honoured. */
    public boolean isHumanTyped() {
        return origin.isHumanTyped() && meta.agentId() == null;
    }

    @Override
    public String toString() {
        return "UserMessage["
                + meta.eventId()
                + ", origin="
                + origin.wireName()
                + ", chars="
                + text.length()
                + "]";
    }
}

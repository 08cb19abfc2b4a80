package dev.kato.event;

import static java.util.Objects.requireNonNull;

/** The output of a tool call, linked by {@link #toolCallId()}. */
public record ToolResult(EventMeta meta, String toolCallId, String text, boolean isError)
        implements ConversationEvent {
    public ToolResult {
        requireNonNull(meta, "meta");
        requireNonNull(toolCallId, "toolCallId");
        requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return "ToolResult["
                + meta.eventId()
                + ", error="
                + isError
                + ", chars="
                + text.length()
                + "]";
    }
}

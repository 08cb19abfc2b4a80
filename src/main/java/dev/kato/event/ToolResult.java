package dev.kato.event;

import static java.util.Objects.requireNonNull;

/**
 * The output of a tool call, linked by {@link #toolCallId()}. Its {@link #content()} may still be
 * in the provider's canonical JSON spelling (see {@link Text}): tool output is most of what a
 * conversation holds, and the renderer can then copy it without decoding it.
 */
public record ToolResult(EventMeta meta, String toolCallId, Text content, boolean isError)
        implements ConversationEvent {
    public ToolResult {
        requireNonNull(meta, "meta");
        requireNonNull(toolCallId, "toolCallId");
        requireNonNull(content, "content");
    }

    public ToolResult(EventMeta meta, String toolCallId, String text, boolean isError) {
        this(meta, toolCallId, Text.of(requireNonNull(text, "text")), isError);
    }

    /** The output's characters. */
    public String text() {
        return content.value();
    }

    @Override
    public String toString() {
        return "ToolResult["
                + meta.eventId()
                + ", error="
                + isError
                + ", size="
                + content.sizeHint()
                + "]";
    }
}

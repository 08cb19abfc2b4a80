package dev.kato.event;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A tool invocation by the model.
 *
 * @param toolCallId the provider's call id; results link to it
 * @param name the tool name
 * @param description a short human summary (file path, command, pattern, query, …)
 * @param inputJson the input as compact JSON text (raw text for free-form tools)
 */
public record ToolCall(
        EventMeta meta,
        String toolCallId,
        String name,
        String description,
        String inputJson,
        @Nullable String model)
        implements ConversationEvent {
    public ToolCall {
        requireNonNull(meta, "meta");
        requireNonNull(toolCallId, "toolCallId");
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        requireNonNull(inputJson, "inputJson");
    }

    @Override
    public String toString() {
        return "ToolCall["
                + meta.eventId()
                + ", name="
                + name
                + ", inputChars="
                + inputJson.length()
                + "]";
    }
}

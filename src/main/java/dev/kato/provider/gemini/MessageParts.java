package dev.kato.provider.gemini;

import dev.kato.json.JsonValue;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns one message record into its keyed parts, in the order the events are emitted. Shared by the
 * legacy JSON and the JSONL parser, so both formats classify a message the same way.
 *
 * <ul>
 *   <li>{@code user}: see {@link UserParts}.
 *   <li>{@code gemini}: the text ({@code content} wins over {@code displayContent}), the thoughts,
 *       then each tool call followed by its result.
 *   <li>{@code info}, {@code error}, {@code warning} and any other type: a system notice whose
 *       subtype is the type.
 * </ul>
 */
final class MessageParts {
    private MessageParts() {}

    static List<Part> of(JsonValue message, String type, boolean subAgent) {
        PartList out = new PartList();
        switch (type) {
            case "user" -> UserParts.add(message, subAgent, out);
            case "gemini" -> addAssistant(message, out);
            default -> addNotice(message, type, out);
        }
        return out.toList();
    }

    /** True for a user row that starts a turn: any user row that is not a tool response. */
    static boolean opensTurn(JsonValue message, String type) {
        return "user".equals(type) && !GeminiContent.hasFunctionResponse(message.get("content"));
    }

    private static void addAssistant(JsonValue message, PartList out) {
        String model = GeminiContent.nonBlank(message.get("model"));
        JsonValue content = message.get("content");
        String text = GeminiContent.text(content);
        if (text.isBlank()) {
            text = GeminiContent.text(message.get("displayContent"));
        }
        if (!text.isBlank()) {
            out.add(Part.of("text", new PartBody.AssistantText(text, model)));
        }
        List<JsonValue> thoughts = message.get("thoughts").elements();
        for (int i = 0; i < thoughts.size(); i++) {
            addThought(thoughts.get(i), "thought:" + i, model, out);
        }
        List<String> contentThoughts = GeminiContent.thoughtTexts(content);
        for (int i = 0; i < contentThoughts.size(); i++) {
            addThinking("thought:part:" + i, null, contentThoughts.get(i), model, out);
        }
        addTools(message, content, model, out);
    }

    private static void addTools(
            JsonValue message, JsonValue content, @Nullable String model, PartList out) {
        List<JsonValue> calls = message.get("toolCalls").elements();
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).isObject()) {
                ToolParts.addToolCall(calls.get(i), i, model, out);
            }
        }
        List<JsonValue> callParts = GeminiContent.functionCalls(content);
        for (int i = 0; i < callParts.size(); i++) {
            ToolParts.addFunctionCall(callParts.get(i), i, model, out);
        }
        List<JsonValue> responses = GeminiContent.functionResponses(content);
        for (int i = 0; i < responses.size(); i++) {
            ToolParts.addFunctionResponse(responses.get(i), i, out);
        }
    }

    /**
     * A thought: {@code subject} and {@code description} on separate lines, or its {@code text}.
     */
    private static void addThought(
            JsonValue thought, String key, @Nullable String model, PartList out) {
        String subject = thought.get("subject").stringOr("").strip();
        String description = thought.get("description").stringOr("").strip();
        String text;
        if (!subject.isEmpty() && !description.isEmpty()) {
            text = subject + "\n" + description;
        } else if (!subject.isEmpty() || !description.isEmpty()) {
            text = subject + description;
        } else {
            text = thought.isString() ? thought.stringOr("") : thought.get("text").stringOr("");
        }
        addThinking(key, GeminiContent.instant(thought.get("timestamp")), text, model, out);
    }

    private static void addThinking(
            String key, @Nullable Instant at, String text, @Nullable String model, PartList out) {
        if (!text.isBlank()) {
            out.add(new Part(key, at, new PartBody.ThinkingText(text, model)));
        }
    }

    private static void addNotice(JsonValue message, String type, PartList out) {
        String text = GeminiContent.text(message.get("content"));
        if (text.isBlank()) {
            text = GeminiContent.text(message.get("displayContent"));
        }
        if (!text.isBlank()) {
            out.add(Part.of("text", new PartBody.Notice(type, text)));
        }
    }
}

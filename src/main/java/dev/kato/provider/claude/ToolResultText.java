package dev.kato.provider.claude;

import dev.kato.json.JsonText;
import dev.kato.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a {@code tool_result} block's {@code content}: the string itself, or its text blocks
 * joined by newlines, with web search hits as {@code title <url>} and short placeholders for images
 * and other non-text blocks.
 */
final class ToolResultText {
    private ToolResultText() {}

    static String of(JsonValue content) {
        return switch (content) {
            case JsonValue.Str(String s) -> s;
            case JsonValue.Arr(var items) -> joined(items);
            case JsonValue.Null() -> "";
            default -> JsonText.compact(content);
        };
    }

    private static String joined(List<JsonValue> blocks) {
        List<String> parts = new ArrayList<>(blocks.size());
        for (JsonValue block : blocks) {
            parts.add(block(block));
        }
        return String.join("\n", parts);
    }

    private static String block(JsonValue block) {
        if (block.isString()) {
            return block.stringOr("");
        }
        String type = block.get("type").stringOr("");
        return switch (type) {
            case "text" -> block.get("text").stringOr("");
            case "image" -> "[image]";
            case "document" -> "[document]";
            case "web_search_result" ->
                    block.get("title").stringOr("") + " <" + block.get("url").stringOr("") + ">";
            case "tool_reference" ->
                    "[tool reference: " + block.get("tool_name").stringOr("?") + "]";
            default -> type.isEmpty() ? JsonText.compact(block) : "[" + type + "]";
        };
    }
}

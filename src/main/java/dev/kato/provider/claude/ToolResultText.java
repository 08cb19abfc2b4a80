package dev.kato.provider.claude;

import dev.kato.event.Text;
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

    /**
     * The text; a string, or a single text block, keeps its canonical spelling if it had one (see
     * {@link Text}).
     */
    static Text of(JsonValue content) {
        return switch (content) {
            case JsonValue.Str s -> s.text();
            case JsonValue.Arr(var items) when items.size() == 1 && isTextBlock(items.get(0)) ->
                    textOf(items.get(0));
            case JsonValue.Arr(var items) -> Text.of(joined(items));
            case JsonValue.Null() -> Text.of("");
            default -> Text.of(JsonText.compact(content));
        };
    }

    private static boolean isTextBlock(JsonValue block) {
        return block.get("type").stringOr("").equals("text");
    }

    private static Text textOf(JsonValue textBlock) {
        Text t = textBlock.get("text").textOrNull();
        return t != null ? t : Text.of("");
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

package dev.kato.provider.codex;

import dev.kato.event.Text;
import dev.kato.json.JsonText;
import dev.kato.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Extracts text from Codex content blocks and tool outputs. */
final class ContentText {
    private static final Set<String> TEXT_BLOCKS = Set.of("output_text", "input_text", "text");

    private ContentText() {}

    /**
     * The texts of a message's {@code content}: {@code output_text}, {@code input_text} and {@code
     * text} blocks (real logs use the first two, older fixtures the last), or a plain string.
     * Images and unknown blocks are skipped.
     */
    static List<String> blockTexts(JsonValue content) {
        if (content.isString()) {
            return List.of(content.stringOr(""));
        }
        List<String> texts = new ArrayList<>();
        for (JsonValue block : content.elements()) {
            String type = block.get("type").stringOr("");
            String text = block.get("text").stringOrNull();
            if (text != null && TEXT_BLOCKS.contains(type)) {
                texts.add(text);
            }
        }
        return texts;
    }

    /**
     * A tool output as text: a string as it is, an array of content items joined by newlines, an
     * object's {@code content} string, else the compact JSON.
     */
    static Text outputText(JsonValue output) {
        return output instanceof JsonValue.Str s ? s.text() : Text.of(outputString(output));
    }

    private static String outputString(JsonValue output) {
        return switch (output) {
            case JsonValue.Str s -> s.value();
            case JsonValue.Arr _ -> String.join("\n", blockTexts(output));
            case JsonValue.Obj _ ->
                    output.get("content").isString()
                            ? output.get("content").stringOr("")
                            : JsonText.compact(output);
            case JsonValue.Null _ -> "";
            case JsonValue.Num _, JsonValue.Bool _ -> JsonText.compact(output);
        };
    }

    /** True when an output object says the call failed ({@code "success": false}). */
    static boolean isFailure(JsonValue output) {
        JsonValue success = output.get("success");
        return success instanceof JsonValue.Bool(boolean ok) && !ok;
    }

    /** Non-blank texts joined as paragraphs. */
    static String paragraphs(List<String> texts) {
        List<String> kept = new ArrayList<>(texts.size());
        for (String t : texts) {
            if (!t.isBlank()) {
                kept.add(t);
            }
        }
        return String.join("\n\n", kept);
    }

    /** At most {@code max} characters, cut before a surrogate pair never inside it, with "…". */
    static String abbreviate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }
}

package dev.kato.provider.gemini;

import dev.kato.event.UtcTimestamps;
import dev.kato.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads Gemini {@code content}/{@code displayContent} values: a string, one part object, or an
 * array of strings and parts ({@code text}, {@code thought}, {@code functionCall}, {@code
 * functionResponse}, {@code inlineData}, {@code fileData}).
 */
final class GeminiContent {
    /** Where the bodies of @-referenced files start in a user row's {@code content}. */
    static final String REFERENCED_FILES = "--- Content from referenced files ---";

    /** Markers after which text of a user row is never typed by the user. */
    private static final List<String> CONTEXT_MARKERS =
            List.of(REFERENCED_FILES, "<hook_context>", "<session_context>");

    private GeminiContent() {}

    /** The parts of a content value; a string is not a part list and yields no parts. */
    static List<JsonValue> parts(JsonValue content) {
        if (content.isArray()) {
            return content.elements();
        }
        return content.isObject() ? List.of(content) : List.of();
    }

    /**
     * The visible text: the string itself, or the {@code text} of every non-thought part (and every
     * string element) concatenated. Gemini's own parts carry their separators, so nothing is added
     * between them.
     */
    static String text(JsonValue content) {
        if (content.isString()) {
            return content.stringOr("");
        }
        StringBuilder sb = new StringBuilder();
        for (JsonValue part : content.isArray() ? content.elements() : List.of(content)) {
            if (part.isString()) {
                sb.append(part.stringOr(""));
            } else if (!part.get("thought").isTrue()) {
                sb.append(part.get("text").stringOr(""));
            }
        }
        return sb.toString();
    }

    /** The texts of parts flagged {@code thought: true}. */
    static List<String> thoughtTexts(JsonValue content) {
        List<String> out = new ArrayList<>();
        for (JsonValue part : parts(content)) {
            if (part.get("thought").isTrue()) {
                out.add(part.get("text").stringOr(""));
            }
        }
        return out;
    }

    /** The {@code functionCall} objects of the parts. */
    static List<JsonValue> functionCalls(JsonValue content) {
        return objectsOf(content, "functionCall");
    }

    /** The {@code functionResponse} objects of the parts. */
    static List<JsonValue> functionResponses(JsonValue content) {
        return objectsOf(content, "functionResponse");
    }

    static boolean hasFunctionResponse(JsonValue content) {
        return !functionResponses(content).isEmpty();
    }

    /**
     * Splits text at the first context marker (@-file contents, hook or session context): before it
     * is what the user typed, from it on is injected context.
     */
    static TypedSplit splitTyped(String text) {
        int cut = text.length();
        for (String marker : CONTEXT_MARKERS) {
            int at = text.indexOf(marker);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return new TypedSplit(text.substring(0, cut).strip(), text.substring(cut));
    }

    /** A record time: an ISO-8601 instant or offset date-time; null when absent or unreadable. */
    static @Nullable Instant instant(JsonValue value) {
        String s = value.stringOrNull();
        if (s == null) {
            return null;
        }
        try {
            return UtcTimestamps.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** A non-blank string field, or null. */
    static @Nullable String nonBlank(JsonValue value) {
        String s = value.stringOrNull();
        return s == null || s.isBlank() ? null : s;
    }

    private static List<JsonValue> objectsOf(JsonValue content, String field) {
        List<JsonValue> out = new ArrayList<>();
        for (JsonValue part : parts(content)) {
            JsonValue inner = part.get(field);
            if (inner.isObject()) {
                out.add(inner);
            }
        }
        return out;
    }

    /**
     * A user text cut at its first context marker.
     *
     * @param typed the text before the marker, stripped
     * @param context the marker and everything after it; empty when there is no marker
     */
    record TypedSplit(String typed, String context) {
        @Override
        public String toString() {
            return "TypedSplit[typedChars="
                    + typed.length()
                    + ", contextChars="
                    + context.length()
                    + "]";
        }
    }
}

package dev.kato.vault;

import dev.kato.event.EventKind;
import dev.kato.json.JsonValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The canonical JSONL field layout per kind, and strict typed access to fields. */
final class CanonicalFields {
    private static final List<String> META_HEAD =
            List.of(
                    "conversationSchemaVersion",
                    "eventId",
                    "provider",
                    "sessionId",
                    "timestamp",
                    "kind",
                    "turnId",
                    "source");
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(ZoneOffset.UTC)
                    .withResolverStyle(ResolverStyle.STRICT);

    private CanonicalFields() {}

    /** Field names of one kind in the order {@code JsonlRenderer} writes them. */
    static List<String> layout(EventKind kind, boolean hasAgent) {
        List<String> names = new ArrayList<>(META_HEAD);
        if (hasAgent) {
            names.add("agentId");
        }
        names.addAll(
                switch (kind) {
                    case USER_MESSAGE -> List.of("origin", "text");
                    case ASSISTANT_MESSAGE -> List.of("model", "phase", "text");
                    case THINKING -> List.of("model", "text");
                    case TOOL_CALL ->
                            List.of("model", "toolCallId", "name", "description", "input");
                    case TOOL_RESULT -> List.of("toolCallId", "isError", "text");
                    case DECISION ->
                            List.of(
                                    "decisionKey",
                                    "status",
                                    "decidedBy",
                                    "summary",
                                    "question",
                                    "options",
                                    "answer");
                    case SYSTEM_NOTICE -> List.of("subtype", "text");
                    case PROVIDER_INFO -> List.of("infoType", "value");
                });
        return names;
    }

    /** Requires exactly {@code expected}, in that order; the reason names only our own fields. */
    static void checkLayout(JsonValue.Obj obj, List<String> expected) throws RejectedLine {
        for (String name : expected) {
            if (!obj.fields().containsKey(name)) {
                throw new RejectedLine("missing field '" + name + "'");
            }
        }
        if (obj.fields().size() != expected.size()) {
            throw new RejectedLine("unexpected field");
        }
        if (!new ArrayList<>(obj.fields().keySet()).equals(expected)) {
            throw new RejectedLine("fields out of canonical order");
        }
    }

    static String str(JsonValue.Obj obj, String name) throws RejectedLine {
        if (obj.get(name) instanceof JsonValue.Str(String value)) {
            if (hasUnpairedSurrogate(value)) {
                // Not representable in UTF-8, so no stored line can hold it.
                throw new RejectedLine("field '" + name + "' has an unpaired surrogate");
            }
            return value;
        }
        throw new RejectedLine("field '" + name + "' is not a string");
    }

    static @Nullable String strOrNull(JsonValue.Obj obj, String name) throws RejectedLine {
        JsonValue v = obj.get(name);
        if (v instanceof JsonValue.Null) {
            return null;
        }
        if (v instanceof JsonValue.Str) {
            return str(obj, name);
        }
        throw new RejectedLine("field '" + name + "' is not a string or null");
    }

    static boolean bool(JsonValue.Obj obj, String name) throws RejectedLine {
        if (obj.get(name) instanceof JsonValue.Bool(boolean value)) {
            return value;
        }
        throw new RejectedLine("field '" + name + "' is not a boolean");
    }

    static JsonValue.Obj obj(JsonValue.Obj obj, String name) throws RejectedLine {
        if (obj.get(name) instanceof JsonValue.Obj value) {
            return value;
        }
        throw new RejectedLine("field '" + name + "' is not an object");
    }

    static List<JsonValue> arr(JsonValue.Obj obj, String name) throws RejectedLine {
        if (obj.get(name) instanceof JsonValue.Arr(List<JsonValue> items)) {
            return items;
        }
        throw new RejectedLine("field '" + name + "' is not an array");
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** A UTC timestamp with exactly millisecond precision, or null. */
    static @Nullable Instant timestampOrNull(JsonValue.Obj obj, String name) throws RejectedLine {
        String text = strOrNull(obj, name);
        if (text == null) {
            return null;
        }
        try {
            Instant parsed = ISO_MILLIS.parse(text, Instant::from);
            if (!ISO_MILLIS.format(parsed).equals(text)) {
                throw new RejectedLine("field '" + name + "' is not a canonical timestamp");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new RejectedLine("field '" + name + "' is not a canonical timestamp");
        }
    }

    /** Formats like {@code JsonlRenderer} does. */
    static String formatTimestamp(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    /** Parses what {@link #formatTimestamp} wrote. */
    static Instant parseTimestamp(String text) throws DateTimeParseException {
        return ISO_MILLIS.parse(text, Instant::from);
    }
}

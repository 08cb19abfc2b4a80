package dev.kato.vault;

import dev.kato.event.EventKind;
import dev.kato.event.UtcTimestamps;
import dev.kato.json.JsonBytes;
import dev.kato.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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

    /**
     * Whether a string read from the JSON text {@code b[from, to)} can hold a surrogate that is not
     * half of a pair written as four UTF-8 bytes: only a {@code \\u} escape of D800–DFFF decodes to
     * one (the parser refuses the three-byte form of a surrogate as malformed UTF-8, which {@code
     * JsonlEventReaderTest} pins). Conservative: an escaped backslash before {@code ud} counts too.
     */
    static boolean mayHoldLoneSurrogate(byte[] b, int from, int to) {
        for (int i = JsonBytes.indexOfPair(b, from, to - 1, (byte) '\\', (byte) 'u');
                i >= 0;
                i = JsonBytes.indexOfPair(b, i + 1, to - 1, (byte) '\\', (byte) 'u')) {
            if ((b[i + 2] | 0x20) == 'd') {
                return true;
            }
        }
        return false;
    }

    /**
     * Rejects a string anywhere in {@code value} that holds an unpaired surrogate: not
     * representable in UTF-8, so no stored line can hold it. Names the innermost field holding it.
     */
    static void rejectLoneSurrogates(JsonValue value, String name) throws RejectedLine {
        switch (value) {
            case JsonValue.Str s -> {
                if (hasUnpairedSurrogate(s.value())) {
                    throw new RejectedLine("field '" + name + "' has an unpaired surrogate");
                }
            }
            case JsonValue.Obj o -> {
                for (var e : o.fields().entrySet()) {
                    rejectLoneSurrogates(e.getValue(), e.getKey());
                }
            }
            case JsonValue.Arr(List<JsonValue> items) -> {
                for (JsonValue item : items) {
                    rejectLoneSurrogates(item, name);
                }
            }
            default -> {}
        }
    }

    /**
     * The string field {@code name}; lone surrogates were rejected for the whole line beforehand
     * ({@link #rejectLoneSurrogates}).
     */
    static String str(JsonValue.Obj obj, String name) throws RejectedLine {
        if (obj.get(name) instanceof JsonValue.Str s) {
            return s.value();
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
        Instant parsed = UtcTimestamps.parseCanonical(text);
        if (parsed == null) {
            throw new RejectedLine("field '" + name + "' is not a canonical timestamp");
        }
        return parsed;
    }

    /** Formats like {@code JsonlRenderer} does. */
    static String formatTimestamp(Instant instant) {
        return UtcTimestamps.formatCanonical(instant);
    }

    /** Parses what {@link #formatTimestamp} wrote. */
    static Instant parseTimestamp(String text) throws DateTimeParseException {
        Instant parsed = UtcTimestamps.parseCanonical(text);
        if (parsed == null) {
            throw new DateTimeParseException("not a canonical timestamp", text, 0);
        }
        return parsed;
    }
}

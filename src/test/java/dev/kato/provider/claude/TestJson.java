package dev.kato.provider.claude;

import dev.kato.json.JsonText;
import dev.kato.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds JSON records for tests without hand-escaping strings. */
final class TestJson {
    private TestJson() {}

    /** An object from alternating names and values (String, Boolean, Integer, JsonValue, null). */
    static JsonValue obj(@Nullable Object... namesAndValues) {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            fields.put(String.valueOf(namesAndValues[i]), value(namesAndValues[i + 1]));
        }
        return new JsonValue.Obj(fields);
    }

    static JsonValue arr(@Nullable Object... items) {
        List<JsonValue> values = new ArrayList<>();
        for (Object item : items) {
            values.add(value(item));
        }
        return new JsonValue.Arr(values);
    }

    static String line(JsonValue value) {
        return JsonText.compact(value);
    }

    static JsonValue value(@Nullable Object o) {
        return switch (o) {
            case null -> JsonValue.NULL;
            case JsonValue v -> v;
            case String s -> new JsonValue.Str(s);
            case Boolean b -> new JsonValue.Bool(b);
            case Integer n -> new JsonValue.Num(n.toString());
            default -> throw new IllegalArgumentException("unsupported " + o.getClass());
        };
    }

    static JsonValue text(String text) {
        return obj("type", "text", "text", text);
    }

    static JsonValue toolResult(String toolUseId, Object content) {
        return obj("type", "tool_result", "tool_use_id", toolUseId, "content", content);
    }

    /** A user row with the given uuid and content, plus extra envelope fields. */
    static String user(String uuid, Object content, @Nullable Object... extra) {
        List<Object> fields = new ArrayList<>(List.of("type", "user", "uuid", uuid));
        fields.addAll(java.util.Arrays.asList(extra));
        fields.add("message");
        fields.add(obj("role", "user", "content", content));
        return line(obj(fields.toArray()));
    }

    static String assistant(String uuid, JsonValue... blocks) {
        return line(
                obj(
                        "type",
                        "assistant",
                        "uuid",
                        uuid,
                        "message",
                        obj(
                                "role",
                                "assistant",
                                "model",
                                "claude-opus-4-6",
                                "content",
                                arr((Object[]) blocks))));
    }

    /** A record line of the given type with extra fields. */
    static String row(String type, @Nullable Object... fields) {
        List<Object> all = new ArrayList<>(List.of("type", type));
        all.addAll(java.util.Arrays.asList(fields));
        return line(obj(all.toArray()));
    }

    /** A {@code queued_command} attachment row with the given attachment fields. */
    static String queued(@Nullable Object... attachmentFields) {
        List<Object> all = new ArrayList<>(List.of("type", "queued_command"));
        all.addAll(java.util.Arrays.asList(attachmentFields));
        return row("attachment", "uuid", "q", "attachment", obj(all.toArray()));
    }

    static JsonValue toolUse(String id, String name, JsonValue input) {
        return obj("type", "tool_use", "id", id, "name", name, "input", input);
    }
}

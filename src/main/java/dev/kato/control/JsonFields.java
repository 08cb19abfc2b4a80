package dev.kato.control;

import dev.kato.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict reads of required fields from a control message; anything missing or mistyped is a {@link
 * ProtocolError#MALFORMED} frame. Messages name the field, never its value.
 */
final class JsonFields {
    private JsonFields() {}

    static JsonValue obj(JsonValue parent, String field) throws ControlProtocolException {
        JsonValue v = parent.get(field);
        if (!v.isObject()) {
            throw malformed(field, "an object");
        }
        return v;
    }

    static String str(JsonValue parent, String field) throws ControlProtocolException {
        JsonValue v = parent.get(field);
        String s = v.stringOrNull();
        if (s == null) {
            throw malformed(field, "a string");
        }
        return s;
    }

    static long integer(JsonValue parent, String field) throws ControlProtocolException {
        if (parent.get(field) instanceof JsonValue.Num(String literal)) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException e) {
                throw malformed(field, "an integer");
            }
        }
        throw malformed(field, "an integer");
    }

    static boolean bool(JsonValue parent, String field) throws ControlProtocolException {
        if (parent.get(field) instanceof JsonValue.Bool(boolean b)) {
            return b;
        }
        throw malformed(field, "true or false");
    }

    static Instant instant(JsonValue parent, String field) throws ControlProtocolException {
        try {
            return Instant.parse(str(parent, field));
        } catch (DateTimeParseException e) {
            throw malformed(field, "an ISO-8601 instant");
        }
    }

    static List<JsonValue> arr(JsonValue parent, String field) throws ControlProtocolException {
        JsonValue v = parent.get(field);
        if (!v.isArray()) {
            throw malformed(field, "an array");
        }
        return v.elements();
    }

    static ControlProtocolException malformed(String field, String expected) {
        return new ControlProtocolException(
                ProtocolError.MALFORMED, "field '" + field + "' must be " + expected);
    }

    /** Builds a JSON object in insertion order. */
    static final class ObjBuilder {
        private final Map<String, JsonValue> fields = new LinkedHashMap<>();

        ObjBuilder put(String name, String value) {
            fields.put(name, new JsonValue.Str(value));
            return this;
        }

        ObjBuilder put(String name, long value) {
            fields.put(name, new JsonValue.Num(Long.toString(value)));
            return this;
        }

        ObjBuilder put(String name, boolean value) {
            fields.put(name, new JsonValue.Bool(value));
            return this;
        }

        ObjBuilder put(String name, Instant value) {
            return put(name, value.toString());
        }

        ObjBuilder put(String name, JsonValue value) {
            fields.put(name, value);
            return this;
        }

        ObjBuilder put(String name, List<JsonValue> items) {
            fields.put(name, new JsonValue.Arr(new ArrayList<>(items)));
            return this;
        }

        JsonValue build() {
            return new JsonValue.Obj(fields);
        }
    }

    static ObjBuilder object() {
        return new ObjBuilder();
    }
}

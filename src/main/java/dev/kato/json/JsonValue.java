package dev.kato.json;

import dev.kato.event.Text;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A parsed JSON value: the small, immutable tree the provider parsers read records into, so that
 * after the edge no code probes untyped JSON. Accessors never throw on a missing or mistyped field;
 * they return empty/absent values instead, because provider logs change shape between versions.
 */
public sealed interface JsonValue
        permits JsonValue.Obj,
                JsonValue.Arr,
                JsonValue.Str,
                JsonValue.Num,
                JsonValue.Bool,
                JsonValue.Null {

    /** The shared null / missing value. */
    JsonValue NULL = new Null();

    /** Field of an object; {@link #NULL} when this is not an object or the field is absent. */
    default JsonValue get(String field) {
        return NULL;
    }

    /** Element of an array; {@link #NULL} when out of range or not an array. */
    default JsonValue at(int index) {
        return NULL;
    }

    /** Elements of an array; empty for anything else. */
    default List<JsonValue> elements() {
        return List.of();
    }

    /** The string value, if this is a string. */
    default Optional<String> tryString() {
        return Optional.empty();
    }

    /** The string value, or {@code fallback} when this is not a string. */
    default String stringOr(String fallback) {
        return fallback;
    }

    /** The string value, or null when this is not a string. */
    default @Nullable String stringOrNull() {
        return null;
    }

    /** The string value as a {@link Text}, perhaps still in its canonical spelling; or null. */
    default @Nullable Text textOrNull() {
        return null;
    }

    default boolean isTrue() {
        return false;
    }

    default boolean isMissing() {
        return this instanceof Null;
    }

    default boolean isObject() {
        return this instanceof Obj;
    }

    default boolean isArray() {
        return this instanceof Arr;
    }

    default boolean isString() {
        return this instanceof Str;
    }

    /** A JSON object; field order is the document's. */
    record Obj(Map<String, JsonValue> fields) implements JsonValue {
        public Obj {
            fields = java.util.Collections.unmodifiableMap(fields);
        }

        @Override
        public JsonValue get(String field) {
            JsonValue v = fields.get(field);
            return v == null ? NULL : v;
        }

        @Override
        public String toString() {
            return "Obj[fields=" + fields.size() + "]";
        }
    }

    /** A JSON array. */
    record Arr(List<JsonValue> items) implements JsonValue {
        public Arr {
            items = java.util.Collections.unmodifiableList(items);
        }

        @Override
        public JsonValue at(int index) {
            return index >= 0 && index < items.size() ? items.get(index) : NULL;
        }

        @Override
        public List<JsonValue> elements() {
            return items;
        }

        @Override
        public String toString() {
            return "Arr[size=" + items.size() + "]";
        }
    }

    /**
     * A JSON string. A long one read from a document may hold its canonical spelling instead of its
     * characters (see {@link Text}); {@link #value()} decodes it on first use.
     */
    record Str(Text text) implements JsonValue {
        public Str {
            java.util.Objects.requireNonNull(text, "text");
        }

        public Str(String value) {
            this(Text.of(value));
        }

        /** The characters. */
        public String value() {
            return text.value();
        }

        @Override
        public Optional<String> tryString() {
            return Optional.of(value());
        }

        @Override
        public String stringOr(String fallback) {
            return value();
        }

        @Override
        public @Nullable String stringOrNull() {
            return value();
        }

        @Override
        public Text textOrNull() {
            return text;
        }

        @Override
        public String toString() {
            return "Str[" + text + "]";
        }
    }

    /** A JSON number, kept as its literal text so nothing is lost or rounded. */
    record Num(String literal) implements JsonValue {
        public long longValueOr(long fallback) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException e) {
                try {
                    return (long) Double.parseDouble(literal);
                } catch (NumberFormatException e2) {
                    return fallback;
                }
            }
        }
    }

    /** true or false. */
    record Bool(boolean value) implements JsonValue {
        @Override
        public boolean isTrue() {
            return value;
        }
    }

    /** JSON null, and the value of every missing field. */
    record Null() implements JsonValue {}
}

package dev.kato.json;

import java.io.StringWriter;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** Writes a {@link JsonValue} back to compact JSON text (field order preserved). */
public final class JsonText {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonText() {}

    public static String compact(JsonValue value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            write(g, value);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, JsonValue value) {
        switch (value) {
            case JsonValue.Obj(Map<String, JsonValue> fields) -> {
                g.writeStartObject();
                for (var e : fields.entrySet()) {
                    g.writeName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case JsonValue.Arr(var items) -> {
                g.writeStartArray();
                for (JsonValue item : items) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case JsonValue.Str s -> g.writeString(s.value());
            case JsonValue.Num(String literal) -> g.writeNumber(literal);
            case JsonValue.Bool(boolean b) -> g.writeBoolean(b);
            case JsonValue.Null() -> g.writeNull();
        }
    }
}

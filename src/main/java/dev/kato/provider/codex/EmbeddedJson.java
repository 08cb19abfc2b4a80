package dev.kato.provider.codex;

import dev.kato.json.JsonLimits;
import dev.kato.json.JsonTreeReader;
import dev.kato.json.JsonValue;
import dev.kato.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;

/**
 * Reads JSON that Codex stores inside strings (function-call {@code arguments}, {@code
 * request_user_input} answers), within the same limits as a record.
 */
final class EmbeddedJson {
    private final JsonTreeReader reader;

    EmbeddedJson(JsonLimits limits) {
        this.reader = new JsonTreeReader(limits);
    }

    /** The parsed value, or {@link JsonValue#NULL} when the text is not one JSON document. */
    JsonValue parseOrMissing(String text) {
        if (text.isBlank()) {
            return JsonValue.NULL;
        }
        try {
            return reader.read(text.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            return JsonValue.NULL;
        }
    }

    @Override
    public String toString() {
        return "EmbeddedJson";
    }
}

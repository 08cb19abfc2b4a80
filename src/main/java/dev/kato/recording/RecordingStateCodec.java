package dev.kato.recording;

import dev.kato.json.JsonValue;
import dev.kato.state.InvalidStateException;
import dev.kato.state.StateCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** {@link RecordingState} as a versioned state document ({@code recording.json} per session). */
public final class RecordingStateCodec implements StateCodec<RecordingState> {
    @Override
    public int schemaVersion() {
        return 1;
    }

    @Override
    public JsonValue.Obj encode(RecordingState value) {
        Map<String, JsonValue> ids = new LinkedHashMap<>();
        value.recordingIds().forEach((dest, id) -> ids.put(dest, new JsonValue.Str(id.toString())));
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        fields.put(
                "primary",
                value.primary() == null ? JsonValue.NULL : new JsonValue.Str(value.primary()));
        fields.put(
                "recordingAt",
                value.recordingAt() == null
                        ? JsonValue.NULL
                        : new JsonValue.Str(value.recordingAt()));
        fields.put("recordingIds", new JsonValue.Obj(ids));
        return new JsonValue.Obj(fields);
    }

    @Override
    public RecordingState decode(JsonValue.Obj fields) throws InvalidStateException {
        if (!fields.fields()
                .keySet()
                .equals(java.util.Set.of("primary", "recordingAt", "recordingIds"))) {
            throw new InvalidStateException("unexpected fields in recording state");
        }
        if (!(fields.get("recordingIds") instanceof JsonValue.Obj ids)) {
            throw new InvalidStateException("recordingIds must be an object");
        }
        Map<String, UUID> parsed = new LinkedHashMap<>();
        for (var e : ids.fields().entrySet()) {
            try {
                parsed.put(e.getKey(), UUID.fromString(e.getValue().stringOr("")));
            } catch (IllegalArgumentException x) {
                throw new InvalidStateException("a recording id is not a UUID");
            }
        }
        try {
            return new RecordingState(
                    path(fields.get("primary")), path(fields.get("recordingAt")), parsed);
        } catch (IllegalArgumentException e) {
            throw new InvalidStateException("inconsistent recording state");
        }
    }

    private static @Nullable String path(JsonValue v) throws InvalidStateException {
        if (v.isMissing()) {
            return null;
        }
        String s = v.stringOrNull();
        if (s == null || !s.startsWith("/")) {
            throw new InvalidStateException("a destination must be an absolute path");
        }
        return s;
    }
}

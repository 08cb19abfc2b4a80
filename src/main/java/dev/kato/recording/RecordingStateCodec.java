package dev.kato.recording;

import dev.kato.json.JsonValue;
import dev.kato.state.InvalidStateException;
import dev.kato.state.StateCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@link RecordingCheckpoint} as a versioned state document ({@code recording.json} per session).
 */
public final class RecordingStateCodec implements StateCodec<RecordingCheckpoint> {
    @Override
    public int schemaVersion() {
        return 1;
    }

    @Override
    public JsonValue.Obj encode(RecordingCheckpoint checkpoint) {
        Map<String, JsonValue> sizes = new LinkedHashMap<>();
        checkpoint
                .committedSizes()
                .forEach((dest, size) -> sizes.put(dest, new JsonValue.Num(Long.toString(size))));
        Map<String, JsonValue> fields =
                new LinkedHashMap<>(encodeState(checkpoint.state()).fields());
        fields.put("processed", new JsonValue.Num(Long.toString(checkpoint.processed())));
        fields.put("committedSizes", new JsonValue.Obj(sizes));
        Map<String, JsonValue> last = new LinkedHashMap<>();
        checkpoint.lastAppended().forEach((dest, id) -> last.put(dest, new JsonValue.Str(id)));
        fields.put("lastAppended", new JsonValue.Obj(last));
        return new JsonValue.Obj(fields);
    }

    @Override
    public RecordingCheckpoint decode(JsonValue.Obj fields) throws InvalidStateException {
        var keys = new java.util.HashSet<>(fields.fields().keySet());
        keys.remove("lastAppended"); // absent in checkpoints written before it existed
        if (!keys.equals(
                java.util.Set.of(
                        "primary", "recordingAt", "recordingIds", "processed", "committedSizes"))) {
            throw new InvalidStateException("unexpected fields in recording state");
        }
        if (!(fields.get("processed") instanceof JsonValue.Num processed)
                || processed.longValueOr(-1) < 0) {
            throw new InvalidStateException("processed must be a non-negative number");
        }
        if (!(fields.get("committedSizes") instanceof JsonValue.Obj sizes)) {
            throw new InvalidStateException("committedSizes must be an object");
        }
        Map<String, Long> parsed = new LinkedHashMap<>();
        for (var e : sizes.fields().entrySet()) {
            if (!(e.getValue() instanceof JsonValue.Num n) || n.longValueOr(-1) < 0) {
                throw new InvalidStateException("a committed size is not a non-negative number");
            }
            parsed.put(e.getKey(), n.longValueOr(0));
        }
        Map<String, String> last = new LinkedHashMap<>();
        if (fields.fields().containsKey("lastAppended")) {
            if (!(fields.get("lastAppended") instanceof JsonValue.Obj lastFields)) {
                throw new InvalidStateException("lastAppended must be an object");
            }
            for (var e : lastFields.fields().entrySet()) {
                if (!(e.getValue() instanceof JsonValue.Str id) || id.value().isEmpty()) {
                    throw new InvalidStateException("a last appended event id is not a string");
                }
                last.put(e.getKey(), id.value());
            }
        }
        Map<String, JsonValue> stateFields = new LinkedHashMap<>(fields.fields());
        stateFields.remove("processed");
        stateFields.remove("committedSizes");
        stateFields.remove("lastAppended");
        return new RecordingCheckpoint(
                decodeState(new JsonValue.Obj(stateFields)),
                processed.longValueOr(0),
                parsed,
                last);
    }

    private static JsonValue.Obj encodeState(RecordingState value) {
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

    private static RecordingState decodeState(JsonValue.Obj fields) throws InvalidStateException {
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

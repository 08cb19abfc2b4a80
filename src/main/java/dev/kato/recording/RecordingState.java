package dev.kato.recording;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One session's recording state ({@code product.md} §5): the primary destination (unset / set),
 * whether recording is on and where, and one stable recording id per distinct destination, reused
 * forever. Destinations are canonical paths the write policy approved. Immutable.
 */
public record RecordingState(
        @Nullable String primary, @Nullable String recordingAt, Map<String, UUID> recordingIds) {
    public static final RecordingState EMPTY = new RecordingState(null, null, Map.of());

    public RecordingState {
        recordingIds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recordingIds));
        if (recordingAt != null && !recordingIds.containsKey(recordingAt)) {
            throw new IllegalArgumentException("a recording destination needs a recording id");
        }
    }

    public Optional<String> tryPrimary() {
        return Optional.ofNullable(primary);
    }

    public Optional<String> tryRecordingAt() {
        return Optional.ofNullable(recordingAt);
    }

    RecordingState withPrimary(String destination) {
        return new RecordingState(destination, recordingAt, recordingIds);
    }

    RecordingState recordingAt(@Nullable String destination) {
        return new RecordingState(primary, destination, recordingIds);
    }

    RecordingState withId(String destination, UUID id) {
        Map<String, UUID> ids = new LinkedHashMap<>(recordingIds);
        ids.putIfAbsent(destination, id);
        return new RecordingState(primary, recordingAt, ids);
    }

    @Override
    public String toString() {
        return "RecordingState[primary="
                + (primary != null)
                + ", recording="
                + (recordingAt != null)
                + ", destinations="
                + recordingIds.size()
                + "]";
    }
}

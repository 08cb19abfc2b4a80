package dev.kato.recording;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a session's recording has durably done: the recorder state, how many of the session's vault
 * events it has processed, and each destination's size after its last completed write. On restart,
 * destinations longer than their committed size are cut back and the vault events after {@code
 * processed} are replayed, so a crash at any moment neither loses nor duplicates output. {@code
 * lastAppended} names, per Markdown destination, the event whose text ends the file, so that
 * appends after a restart continue its speaker's block exactly as an uninterrupted run would.
 */
public record RecordingCheckpoint(
        RecordingState state,
        long processed,
        Map<String, Long> committedSizes,
        Map<String, String> lastAppended) {
    public static final RecordingCheckpoint EMPTY =
            new RecordingCheckpoint(RecordingState.EMPTY, 0, Map.of(), Map.of());

    public RecordingCheckpoint {
        requireNonNull(state, "state");
        committedSizes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(committedSizes));
        lastAppended = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lastAppended));
        if (processed < 0) {
            throw new IllegalArgumentException("processed must be >= 0");
        }
    }

    @Override
    public String toString() {
        return "RecordingCheckpoint[processed="
                + processed
                + ", destinations="
                + committedSizes.size()
                + ", "
                + state
                + "]";
    }
}

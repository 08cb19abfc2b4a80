package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.event.SessionKey;
import dev.kato.recording.RecordingCheckpoint;
import dev.kato.recording.RecordingState;
import dev.kato.recording.SessionRecorder;
import dev.kato.state.StateStore;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One session's recorder and its durable progress ({@code recording.json}): how many of the
 * session's vault events were processed, the committed size of each destination and the last event
 * appended to it. Used by the capture thread only.
 */
final class SessionRecording {
    final SessionKey key;
    final SessionRecorder recorder;
    final PolicyDestinations destinations;
    long processed;
    final Map<String, Long> sizes;
    final Map<String, String> lastAppended;

    /**
     * Whether {@code recording.json} exists. A session that never recorded and never saw a possible
     * command needs none (on load its absence means "everything stored was processed"), which saves
     * two fsyncs per batch while history is caught up.
     */
    boolean checkpointed;

    private final StateStore<RecordingCheckpoint> store;

    SessionRecording(
            SessionKey key,
            SessionRecorder recorder,
            PolicyDestinations destinations,
            StateStore<RecordingCheckpoint> store,
            long processed,
            Map<String, Long> sizes,
            Map<String, String> lastAppended) {
        this.key = requireNonNull(key, "key");
        this.recorder = requireNonNull(recorder, "recorder");
        this.destinations = requireNonNull(destinations, "destinations");
        this.store = requireNonNull(store, "store");
        this.processed = processed;
        this.sizes = new HashMap<>(sizes);
        this.lastAppended = new HashMap<>(lastAppended);
    }

    void save() throws IOException {
        store.save(new RecordingCheckpoint(recorder.state(), processed, sizes, lastAppended));
        checkpointed = true;
    }

    /** Whether events are being recorded to a destination now. */
    boolean isRecording() {
        return recorder.state().recordingAt() != null;
    }

    boolean hasRecorded() {
        return !recorder.state().equals(RecordingState.EMPTY)
                || !sizes.isEmpty()
                || !lastAppended.isEmpty();
    }

    @Override
    public String toString() {
        return "SessionRecording[" + key.shortId() + ", processed=" + processed + "]";
    }
}

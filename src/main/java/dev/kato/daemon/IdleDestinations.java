package dev.kato.daemon;

import dev.kato.policy.PathDecision;
import dev.kato.policy.PathPolicy;
import dev.kato.recording.DestinationFiles;
import dev.kato.recording.RecordingEffect;
import dev.kato.recording.SessionRecorder;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Says which destinations are no longer being written after one recorder step, so their writer
 * workers end: the destination a session stopped recording into, and any destination a step wrote
 * once (a snapshot) — unless some session is still recording into it.
 */
final class IdleDestinations {
    private IdleDestinations() {}

    static void release(
            @Nullable String recordingBefore,
            SessionRecorder.Step step,
            Collection<SessionRecording> recordings,
            PathPolicy policy,
            DestinationFiles files) {
        Set<String> candidates = new LinkedHashSet<>();
        if (recordingBefore != null) {
            candidates.add(recordingBefore);
        }
        for (RecordingEffect effect : step.effects()) {
            candidates.add(effect.destination().target().toString());
        }
        for (String destination : candidates) {
            boolean stillRecorded =
                    recordings.stream()
                            .anyMatch(r ->
                                    Objects.equals(r.recorder.state().recordingAt(), destination));
            if (!stillRecorded && policy.decide(destination) instanceof PathDecision.Allowed a) {
                files.release(a.path());
            }
        }
    }
}

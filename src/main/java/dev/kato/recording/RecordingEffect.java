package dev.kato.recording;

import static java.util.Objects.requireNonNull;

import dev.kato.event.ConversationEvent;
import dev.kato.event.EventId;
import dev.kato.event.UserMessage;
import dev.kato.policy.ApprovedPath;
import java.util.Optional;
import java.util.UUID;

/** A write the recorder asks for; carried out, in order, by the recording writer. */
public sealed interface RecordingEffect {
    ApprovedPath destination();

    UUID recordingId();

    /** {@code ::init}: create the file if missing (Markdown: frontmatter only). */
    record EnsureFile(ApprovedPath destination, UUID recordingId) implements RecordingEffect {
        public EnsureFile {
            requireNonNull(destination, "destination");
            requireNonNull(recordingId, "recordingId");
        }
    }

    /**
     * {@code ::capture} / {@code ::export}: replace the file with the whole conversation — every
     * event of the session before {@code before}, then {@code tail} (this message's part).
     */
    record Snapshot(
            ApprovedPath destination, UUID recordingId, EventId before, Optional<UserMessage> tail)
            implements RecordingEffect {
        public Snapshot {
            requireNonNull(destination, "destination");
            requireNonNull(recordingId, "recordingId");
            requireNonNull(before, "before");
            requireNonNull(tail, "tail");
        }
    }

    /** An active recording receives one event (or one slice of a message). */
    record Append(ApprovedPath destination, UUID recordingId, ConversationEvent event)
            implements RecordingEffect {
        public Append {
            requireNonNull(destination, "destination");
            requireNonNull(recordingId, "recordingId");
            requireNonNull(event, "event");
        }
    }
}

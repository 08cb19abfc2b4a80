package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.audit.AuditLog;
import dev.kato.config.Environment;
import dev.kato.event.EventId;
import dev.kato.event.SessionKey;
import dev.kato.policy.PathDecision;
import dev.kato.policy.PathPolicy;
import dev.kato.recording.RecordingCheckpoint;
import dev.kato.recording.RecordingState;
import dev.kato.recording.RecordingStateCodec;
import dev.kato.recording.RecordingWriter;
import dev.kato.recording.SessionRecorder;
import dev.kato.state.LoadResult;
import dev.kato.state.Quarantine;
import dev.kato.state.QuarantineListener;
import dev.kato.state.StateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/**
 * Makes a session's {@link SessionRecording} on first use: from its checkpoint ({@code
 * recording.json}) when there is one, telling the writer which event each destination ended with,
 * or else an empty one that counts every stored event as processed (a session that never
 * checkpointed never recorded, so there is nothing to replay).
 */
final class RecordingLoader {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final PathPolicy policy;
    private final AuditLog audit;
    private final String policyVersion;
    private final Environment env;
    private final InstantSource clock;
    private final RecordingWriter writer;
    private final QuarantineListener quarantines;

    RecordingLoader(
            PathPolicy policy,
            AuditLog audit,
            String policyVersion,
            Environment env,
            InstantSource clock,
            RecordingWriter writer,
            QuarantineListener quarantines) {
        this.policy = requireNonNull(policy, "policy");
        this.audit = requireNonNull(audit, "audit");
        this.policyVersion = requireNonNull(policyVersion, "policyVersion");
        this.env = requireNonNull(env, "env");
        this.clock = requireNonNull(clock, "clock");
        this.writer = requireNonNull(writer, "writer");
        this.quarantines = requireNonNull(quarantines, "quarantines");
    }

    /**
     * The session's recording; {@link SessionRecording#checkpointed} tells whether it came from a
     * checkpoint (and so may need recovery).
     *
     * @param stored how many events of the session the vault holds now
     */
    SessionRecording load(SessionKey key, long stored) throws IOException {
        PolicyDestinations destinations =
                new PolicyDestinations(policy, () -> defaultDestination(key), audit, policyVersion);
        StateStore<RecordingCheckpoint> store = store(key);
        if (!(store.load() instanceof LoadResult.Loaded<RecordingCheckpoint> loaded)) {
            return new SessionRecording(
                    key,
                    new SessionRecorder(RecordingState.EMPTY, destinations, UUID::randomUUID),
                    destinations,
                    store,
                    stored,
                    Map.of(),
                    Map.of());
        }
        RecordingCheckpoint cp = loaded.value();
        SessionRecording recording =
                new SessionRecording(
                        key,
                        new SessionRecorder(cp.state(), destinations, UUID::randomUUID),
                        destinations,
                        store,
                        cp.processed(),
                        cp.committedSizes(),
                        cp.lastAppended());
        recording.checkpointed = true;
        cp.lastAppended()
                .forEach((target, id) -> {
                    if (policy.decide(target) instanceof PathDecision.Allowed a) {
                        writer.resumeAfter(a.path(), new EventId(id));
                    }
                });
        return recording;
    }

    private StateStore<RecordingCheckpoint> store(SessionKey key) {
        Path file =
                env.sessionsDir().resolve(key.katoSessionId().toString()).resolve("recording.json");
        return StateStore.of(file, new RecordingStateCodec(), new Quarantine(quarantines, clock));
    }

    private String defaultDestination(SessionKey key) {
        return env.recordingsDir()
                .resolve(
                        key.provider().id()
                                + "-"
                                + key.shortId()
                                + "-"
                                + STAMP.format(clock.instant())
                                + ".md")
                .toString();
    }
}

package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.control.DaemonStatus;
import dev.kato.event.ConversationEvent;
import dev.kato.event.EventId;
import dev.kato.event.SessionKey;
import dev.kato.policy.PathDecision;
import dev.kato.policy.PathPolicy;
import dev.kato.recording.RecordingWriter;
import dev.kato.vault.ProviderLog;
import dev.kato.vault.Vault;
import dev.kato.vault.VaultSessionInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The sessions' recordings in memory: each loaded from its checkpoint on first use and, after an
 * interrupted run or a failed writer worker, recovered — destinations cut back to their committed
 * sizes and the vault events since the checkpoint written again, each exactly once.
 */
final class Recordings {
    /** Runs one stored event of a recovery through the recorder, as live capture would. */
    @FunctionalInterface
    interface Replay {
        void event(SessionRecording recording, ConversationEvent event, @Nullable Path log)
                throws IOException;
    }

    private final Map<SessionKey, SessionRecording> loaded = new ConcurrentHashMap<>();

    /** Sessions whose recording waits for a writer restart (a retry is scheduled). */
    private final Set<SessionKey> retrying = ConcurrentHashMap.newKeySet();

    private final RecordingLoader loader;
    private final RecordingWriter writer;
    private final PathPolicy policy;
    private final Supplier<Vault> vault;
    private final BiConsumer<String, String> error;

    Recordings(
            RecordingLoader loader,
            RecordingWriter writer,
            PathPolicy policy,
            Supplier<Vault> vault,
            BiConsumer<String, String> error) {
        this.loader = requireNonNull(loader, "loader");
        this.writer = requireNonNull(writer, "writer");
        this.policy = requireNonNull(policy, "policy");
        this.vault = requireNonNull(vault, "vault");
        this.error = requireNonNull(error, "error");
    }

    /** The recordings that are recording now, for the status, each with its last activity. */
    List<DaemonStatus.RecordingSummary> active(Function<SessionKey, Instant> lastActivity) {
        List<DaemonStatus.RecordingSummary> out = new ArrayList<>();
        for (SessionRecording r : all()) {
            r.recorder
                    .state()
                    .tryRecordingAt()
                    .ifPresent(dest ->
                            out.add(
                                    new DaemonStatus.RecordingSummary(
                                            r.key.provider().id(),
                                            r.key.providerSessionId(),
                                            dest,
                                            lastActivity.apply(r.key))));
        }
        return out;
    }

    Collection<SessionRecording> all() {
        return loaded.values();
    }

    /** The session's recording, loaded from its checkpoint and recovered on first use. */
    SessionRecording get(SessionKey key, Replay replay) throws IOException {
        SessionRecording existing = loaded.get(key);
        if (existing != null) {
            return existing;
        }
        long stored = vault.get().find(key).map(VaultSessionInfo::eventCount).orElse(0L);
        SessionRecording recording = loader.load(key, stored);
        loaded.put(key, recording);
        if (recording.checkpointed) {
            recover(recording, stored, replay);
        }
        return recording;
    }

    /**
     * A writer worker failed: the session's recording is dropped from memory and, after the longest
     * restart back-off, {@code resubmit} runs a task (on the session's capture thread) that loads
     * it again, which recovers it — unless a batch of the session did that first.
     */
    void recoverLater(SessionKey key, Consumer<Runnable> resubmit, Replay replay) {
        loaded.remove(key);
        if (!retrying.add(key)) {
            return; // a retry is already scheduled
        }
        Thread.ofVirtual()
                .name("kato-writer-retry")
                .start(() -> {
                    try {
                        Thread.sleep(WriterWorkers.MAX_BACKOFF.toMillis());
                        resubmit.accept(() -> retry(key, resubmit, replay));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        // the daemon is stopping: the next start recovers from the checkpoint
                    }
                });
    }

    private void retry(SessionKey key, Consumer<Runnable> resubmit, Replay replay) {
        retrying.remove(key);
        try {
            get(key, replay);
        } catch (IOException | RuntimeException e) {
            if (e instanceof WriterWorkers.WorkerCrashedException) {
                recoverLater(key, resubmit, replay);
            }
            error.accept("capture", e.getClass().getSimpleName() + " while recovering a recording");
        }
    }

    private void recover(SessionRecording recording, long stored, Replay replay)
            throws IOException {
        if (stored <= recording.processed) {
            return;
        }
        for (var e : recording.sizes.entrySet()) {
            if (policy.decide(e.getKey()) instanceof PathDecision.Allowed a) {
                writer.files().truncateTo(a.path(), e.getValue());
                // Forget what this run rendered past the checkpoint (a writer that failed
                // mid-batch): the file ends with the checkpoint's last event again.
                writer.reset(a.path());
                String last = recording.lastAppended.get(e.getKey());
                if (last != null) {
                    writer.resumeAfter(a.path(), new EventId(last));
                }
            }
        }
        List<ConversationEvent> gap = new ArrayList<>();
        long[] index = {0};
        Vault v = vault.get();
        v.readEvents(
                recording.key,
                event -> {
                    if (index[0]++ >= recording.processed) {
                        gap.add(event);
                    }
                });
        Path log = // the history cross-check needs a log of the session to find its root
                v.find(recording.key)
                        .flatMap(i -> i.providerLogs().stream().findFirst())
                        .map(ProviderLog::path)
                        .orElse(null);
        for (ConversationEvent event : gap) {
            replay.event(recording, event, log);
        }
        recording.processed += gap.size();
        recording.save();
        error.accept(
                "recording",
                "recovered "
                        + gap.size()
                        + " event(s) of "
                        + recording.key.shortId()
                        + " after an interrupted run");
    }
}

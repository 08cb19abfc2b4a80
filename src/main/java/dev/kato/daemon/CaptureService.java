package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.config.Environment;
import dev.kato.config.KatoConfig;
import dev.kato.control.DaemonStatus;
import dev.kato.event.ConversationEvent;
import dev.kato.event.SessionKey;
import dev.kato.export.Configured;
import dev.kato.ingest.IngestBatch;
import dev.kato.ingest.IngestCursor;
import dev.kato.ingest.Ingestion;
import dev.kato.ingest.Provenance;
import dev.kato.ingest.SessionDiscovery;
import dev.kato.ingest.SessionFile;
import dev.kato.ingest.TailStatus;
import dev.kato.ipc.IdleCollector;
import dev.kato.policy.PathPolicy;
import dev.kato.prompthistory.PromptHistory;
import dev.kato.recording.RecordingEffect;
import dev.kato.recording.RecordingWriter;
import dev.kato.recording.SessionRecorder;
import dev.kato.state.QuarantineListener;
import dev.kato.vault.AppendResult;
import dev.kato.vault.LineEvent;
import dev.kato.vault.RenderedBatch;
import dev.kato.vault.SessionMetaUpdate;
import dev.kato.vault.Vault;
import dev.kato.vault.VaultSessionInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * Live capture inside the daemon: provider logs are tailed ({@link LiveIngest}), every new event
 * goes into the vault exactly once, and each newly stored event passes through its session's {@link
 * SessionRecorder}, whose effects the {@link RecordingWriter} carries out. In-chat commands run
 * only from live content, or — after downtime — from content at most {@code commands.maxAge} old;
 * history found on first sight never runs. Reading threads parse and render; capture threads store,
 * each for its own share of the sessions (one session is always on the same thread).
 */
final class CaptureService implements DaemonServices, IngestSink {
    private static final int QUEUED_BATCHES = 1;

    /** Threads that store batches, each for its own share of the sessions. */
    private static final int CAPTURE_THREADS =
            Math.min(2, Runtime.getRuntime().availableProcessors());

    private static final java.time.Duration INITIAL_SCAN_PATIENCE = java.time.Duration.ofSeconds(5);

    private final KatoConfig config;

    /**
     * Gives the daemon's heap back after a burst (4 MiB of reports, appends, or any snapshot)
     * followed by 2 s of quiet; started with the services, so start-up work counts as a burst.
     */
    private final IdleCollector idle =
            IdleCollector.roomyWhileBusy(4 << 20, Duration.ofSeconds(2), false);

    private final Environment env;
    private final InstantSource clock;
    private final PathPolicy policy;
    private final RecordingWriter writer;
    private final CommandDecisions decisions;
    private final RecordingLoader loader;
    private final QuarantineListener quarantines;
    private final dev.kato.audit.AuditLog audit;
    private final String policyVersion;
    private final DaemonConfinement confinement;
    private final Map<Path, SessionKey> keys = new ConcurrentHashMap<>();
    private final ResumedFiles resumed = new ResumedFiles();

    private final Recordings recordings;

    private final CaptureActivity activity;
    private @Nullable Vault vault;
    private @Nullable Ingestion ingest;
    private List<CaptureQueue> queues = List.of();

    CaptureService(
            KatoConfig config,
            Environment env,
            InstantSource clock,
            long userId,
            LifecycleSink operational,
            String policyVersion,
            DaemonConfinement confinement) {
        this.config = requireNonNull(config, "config");
        this.env = requireNonNull(env, "env");
        this.clock = requireNonNull(clock, "clock");
        this.policy = Configured.policy(config, env, userId);
        this.activity = new CaptureActivity(clock);
        this.audit = new dev.kato.audit.HashChainedAuditLog(env.securityAuditLogPath(), clock);
        this.writer =
                new RecordingWriter(
                        Configured.markdown(config),
                        DaemonWriters.create(config, env, userId, audit, activity, clock, idle));
        this.policyVersion = requireNonNull(policyVersion, "policyVersion");
        this.confinement = requireNonNull(confinement, "confinement");
        this.decisions =
                new CommandDecisions(
                        audit, operational, activity, clock, PromptHistory.configured(config));
        this.quarantines = new AuditedQuarantine(audit, activity);
        this.loader =
                new RecordingLoader(policy, audit, policyVersion, env, clock, writer, quarantines);
        this.recordings =
                new Recordings(
                        loader, writer, policy, () -> requireNonNull(vault, "vault"), this::error);
    }

    @Override
    public void start() throws IOException {
        var refusal = DaemonWriters.refusal(config);
        if (refusal.isPresent()) {
            throw new IOException(refusal.get());
        }
        DaemonWriters.auditChoice(writer.files(), config, audit);
        Vault v = Vault.open(env.sessionsDir(), quarantines, clock);
        vault = v;
        List<VaultSessionInfo> stored = v.sessions();
        for (VaultSessionInfo info : stored) {
            Instant last = info.lastEventTime();
            if (last != null) {
                activity.touched(info.key(), last);
            }
        }
        Map<Path, IngestCursor> cursors = ResumedFiles.storedIn(stored);
        resumed.loaded(cursors);
        Ingestion live =
                DaemonIngest.create(config, env, cursors, this, audit, activity, clock, idle);
        DaemonIngest.auditChoice(live, config, audit);
        activity.sandbox(() -> SandboxState.ofThisDaemon(confinement, writer.files(), live));
        List<CaptureQueue> made = new ArrayList<>();
        ThreadFactory captureThreads = DaemonThreads.platform("kato-capture");
        for (int i = 0; i < CAPTURE_THREADS; i++) {
            made.add(new CaptureQueue(QUEUED_BATCHES, captureThreads, this::captureFailed));
        }
        queues = List.copyOf(made);
        ingest = live;
        live.start();
        idle.start("kato-daemon-idle");
        try {
            // Files created after readiness must count as live, not as history found at start.
            if (!live.awaitInitialScan(INITIAL_SCAN_PATIENCE)) {
                error("ingest", "the start-up scan took longer than " + INITIAL_SCAN_PATIENCE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void captureFailed(Throwable cause) {
        error(
                "capture",
                cause.getClass().getSimpleName()
                        + (cause instanceof Error
                                ? "; live capture stopped, run 'kato restart'"
                                : " while storing a batch"));
    }

    @Override
    public void stopped(Error cause) {
        error(
                "ingest",
                cause.getClass().getSimpleName()
                        + "; reading stopped, run 'kato restart' (it resumes where it stopped)");
    }

    /**
     * A file found while running counts as resumed from now on: if its provider worker restarts
     * before the file's first batch is stored, the file is present at that worker's start, and its
     * content must not be taken for history found on first sight.
     */
    @Override
    public void fileAppeared(SessionFile file, boolean presentAtStart) {
        if (!presentAtStart) {
            resumed.foundLive(file.path().toAbsolutePath().normalize());
        }
    }

    /**
     * Called on the ingest thread: the batch's vault lines are rendered here, and the batch is
     * stored and written on the capture thread, so the two use both cores during catch-up.
     */
    @Override
    public void batch(IngestBatch batch) {
        batch(batch.file(), batch.provenance(), batch.cursor(), RenderedBatch.of(batch.events()));
    }

    @Override
    public void batch(
            SessionFile file, Provenance provenance, IngestCursor cursor, RenderedBatch lines) {
        queueOf(file).submit(() -> store(file, provenance, cursor, lines));
    }

    @Override
    public Map<Path, IngestCursor> resume(List<Path> roots) {
        return resumed.resume(roots);
    }

    /**
     * The capture queue of the batch's session: each session is always stored by the same capture
     * thread, in the order its batches were read, and different sessions are stored at once.
     */
    private CaptureQueue queueOf(SessionFile file) {
        int shard;
        try {
            shard = Math.floorMod(keyOf(file).hashCode(), queues.size());
        } catch (IOException | RuntimeException e) {
            shard = 0; // store() meets the same problem and reports it
        }
        return queues.get(shard);
    }

    private void store(
            SessionFile file, Provenance provenance, IngestCursor cursor, RenderedBatch rendered) {
        Vault v = requireNonNull(vault, "vault");
        Path path = file.path().toAbsolutePath().normalize();
        try {
            SessionKey key = keyOf(file);
            // Load (and if need be recover) the recording before storing this batch, so that its
            // replay covers exactly the events stored earlier and not yet processed.
            SessionRecording recording;
            try {
                recording = recording(key);
            } catch (WriterWorkers.WorkerCrashedException e) {
                // Its writer is down: store the batch all the same (the vault never loses what was
                // read); the later recovery writes these events from the checkpoint on.
                v.append(key, rendered, SessionMetaUpdate.cursor(path, CursorText.encode(cursor)));
                resumed.stored(path, cursor);
                throw e;
            }
            if (!recording.checkpointed && StoredEvents.mayCarryCommand(rendered.events())) {
                recording.save(); // write-ahead: a crash after the append replays this batch
            }
            AppendResult result =
                    v.append(
                            key,
                            rendered,
                            SessionMetaUpdate.cursor(path, CursorText.encode(cursor)));
            resumed.stored(path, cursor);
            List<LineEvent> stored = StoredEvents.newlyStored(rendered.events(), result);
            if (!stored.isEmpty()) {
                Instant newest = StoredEvents.newestTime(stored);
                activity.touched(key, newest != null ? newest : clock.instant());
            }
            boolean resumedFile = resumed.isResumed(path);
            for (LineEvent line : stored) {
                // a skimmed line holds no command line and matters only to an active recording
                // (see LineSkimmer): while none is, the recorder would do nothing with it
                if (line instanceof LineEvent.Skimmed && !recording.isRecording()) {
                    continue;
                }
                ConversationEvent event = line.event();
                process(
                        recording,
                        event,
                        CommandWindow.open(provenance, resumedFile, event, oldestCommand()),
                        path);
            }
            recording.processed += stored.size();
            if (!stored.isEmpty() && (recording.checkpointed || recording.hasRecorded())) {
                recording.save();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof WriterWorkers.WorkerCrashedException) {
                recoverLater(file);
            }
            error(
                    "capture",
                    e instanceof WriterWorkers.OutOfReachException
                            ? e.getMessage() // names the root and the remedy only
                            : e.getClass().getSimpleName()
                                    + " while handling "
                                    + file.provider().id()
                                    + " log "
                                    + path.getFileName());
        }
    }

    private SessionKey keyOf(SessionFile file) throws IOException {
        Path path = file.path().toAbsolutePath().normalize();
        SessionKey key = keys.get(path);
        if (key == null) {
            key =
                    SessionDiscovery.sessionKeyOf(file)
                            .orElseThrow(() -> new IOException("no session id"));
            keys.put(path, key);
        }
        return key;
    }

    /** Runs one stored event through its session's recorder and carries out the effects. */
    private void process(
            SessionRecording recording,
            ConversationEvent event,
            boolean commandsAllowed,
            @Nullable Path log)
            throws IOException {
        Vault v = requireNonNull(vault, "vault");
        decisions.noteSkipped(recording.key, event, commandsAllowed);
        decisions.noteUntrusted(recording.key, event);
        boolean allowed =
                commandsAllowed && decisions.confirmedByHistory(recording.key, log, event);
        CorrelationId correlation = new CorrelationId();
        recording.destinations.correlate(correlation);
        String recordingBefore = recording.recorder.state().recordingAt();
        SessionRecorder.Step step = recording.recorder.accept(event, allowed);
        decisions.outcomes(correlation, recording.key, event, step.outcomes());
        for (RecordingEffect effect : step.effects()) {
            long size =
                    writer.apply(effect, consumer -> v.readEvents(recording.key, consumer::accept));
            String target = effect.destination().target().toString();
            recording.sizes.put(target, size);
            writer.lastAppended(effect.destination())
                    .ifPresentOrElse(
                            id -> recording.lastAppended.put(target, id.value()),
                            () -> recording.lastAppended.remove(target));
        }
        IdleDestinations.release(recordingBefore, step, recordings.all(), policy, writer.files());
    }

    private Instant oldestCommand() {
        return clock.instant().minus(config.commands().maxAge());
    }

    /** The session's recording, loaded from its checkpoint and recovered on first use. */
    private SessionRecording recording(SessionKey key) throws IOException {
        return recordings.get(key, this::replay);
    }

    private void replay(SessionRecording recording, ConversationEvent event, @Nullable Path log)
            throws IOException {
        process(
                recording,
                event,
                CommandWindow.open(Provenance.PRESENT_AT_START, true, event, oldestCommand()),
                log);
    }

    /** A writer worker failed mid-batch: its session's recording is recovered later. */
    private void recoverLater(SessionFile file) {
        try {
            recordings.recoverLater(
                    keyOf(file), task -> queueOf(file).submit(task::run), this::replay);
        } catch (IOException e) {
            // no session id: nothing was recorded
        }
    }

    private void error(String component, String message) {
        activity.error(component, message);
    }

    @Override
    public void fileReset(SessionFile file, TailStatus reason) {}

    @Override
    public void fileRemoved(SessionFile file) {}

    @Override
    public void failed(@Nullable SessionFile file, Exception cause) {
        error(
                "ingest",
                cause.getClass().getSimpleName()
                        + (file == null ? "" : " reading a " + file.provider().id() + " log"));
    }

    @Override
    public DaemonStatus.Activity activity(boolean includeStale) {
        return activity.snapshot(recordings.active(activity::lastActivity), includeStale);
    }

    @Override
    public void close() throws IOException {
        Ingestion live = ingest;
        if (live != null) {
            live.close();
        }
        for (CaptureQueue q : queues) {
            q.close(); // stores what was read before the readers stopped
        }
        Vault v = vault;
        if (v != null) {
            v.close();
        }
        if (writer.files() instanceof WriterWorkers workers) {
            workers.close();
        }
    }
}

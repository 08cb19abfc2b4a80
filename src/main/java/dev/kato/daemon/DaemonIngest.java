package dev.kato.daemon;

import dev.kato.audit.AuditEvent;
import dev.kato.audit.AuditLog;
import dev.kato.config.Environment;
import dev.kato.config.KatoConfig;
import dev.kato.config.SandboxMode;
import dev.kato.export.Configured;
import dev.kato.ingest.IngestCursor;
import dev.kato.ingest.Ingestion;
import dev.kato.ingest.LiveIngest;
import dev.kato.ingest.LiveIngestOptions;
import dev.kato.ipc.IdleCollector;
import dev.kato.sandbox.Role;
import dev.kato.sandbox.WorkerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/**
 * Chooses where the daemon reads and parses provider logs, by {@code sandbox.mode}: {@code
 * required} and {@code best-effort} use one confined provider worker per provider ({@link
 * ProviderWorkers}; without Landlock, {@code best-effort} runs them with seccomp only and {@code
 * required} has refused to start already); {@code off} reads in the daemon's own process, which is
 * audited at start.
 */
final class DaemonIngest {
    private DaemonIngest() {}

    /**
     * Records, once at start, that the logs are read in the daemon itself ({@code sandbox.mode:
     * off}).
     */
    static void auditChoice(Ingestion ingest, KatoConfig config, AuditLog audit)
            throws IOException {
        if (ingest instanceof LiveIngest) {
            audit.record(
                    new AuditEvent.SandboxConfinement(
                            new CorrelationId().value(),
                            Role.PROVIDER_WORKER.id(),
                            config.sandbox().mode().configValue(),
                            "not-applied",
                            "not-applied",
                            "unconfined"));
        }
    }

    static Ingestion create(
            KatoConfig config,
            Environment env,
            Map<Path, IngestCursor> cursors,
            IngestSink sink,
            AuditLog audit,
            CaptureActivity activity,
            InstantSource clock,
            IdleCollector idle) {
        SandboxMode mode = config.sandbox().mode();
        if (mode == SandboxMode.OFF) {
            return new LiveIngest(
                    Configured.roots(config),
                    cursors,
                    LiveIngestOptions.DEFAULT,
                    sink,
                    DaemonThreads.platform("kato-ingest"),
                    clock);
        }
        Path configFile = env.configPath();
        return new ProviderWorkers(
                Configured.roots(config),
                sink,
                WorkerRuntime.forWorkers(),
                DaemonWriters.landlockAvailable(),
                mode,
                audit,
                activity,
                clock,
                Files.isRegularFile(configFile, LinkOption.NOFOLLOW_LINKS) ? configFile : null,
                idle);
    }
}

package dev.kato.daemon;

import dev.kato.audit.AuditEvent;
import dev.kato.audit.AuditLog;
import dev.kato.config.Environment;
import dev.kato.config.KatoConfig;
import dev.kato.config.SandboxMode;
import dev.kato.export.Configured;
import dev.kato.ipc.IdleCollector;
import dev.kato.ipc.WriterProcess;
import dev.kato.ipc.WriterStart;
import dev.kato.recording.DestinationFiles;
import dev.kato.sandbox.Landlock;
import dev.kato.sandbox.Role;
import dev.kato.sandbox.WorkerRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses where the daemon's destination writes happen, by {@code sandbox.mode}: {@code required}
 * and {@code best-effort} use a confined writer worker per destination ({@link WriterWorkers});
 * without Landlock, {@code required} refuses to start and {@code best-effort} runs the workers with
 * seccomp only; {@code off} writes in the daemon's own process. The choice is audited at start.
 */
final class DaemonWriters {
    private DaemonWriters() {}

    /** Whether this kernel can confine a writer with Landlock at all. */
    static boolean landlockAvailable() {
        return Landlock.isSupportedPlatform() && Landlock.abi() >= 1;
    }

    /** Why the daemon must not start with {@code config}, if it must not. */
    static Optional<String> refusal(KatoConfig config) {
        return refusal(config.sandbox().mode(), landlockAvailable());
    }

    static Optional<String> refusal(SandboxMode mode, boolean landlock) {
        if (mode == SandboxMode.REQUIRED && !landlock) {
            return Optional.of(
                    "sandbox.mode is required but this kernel has no Landlock, so log readers"
                            + " and destination writers cannot be confined; refusing to start"
                            + " (sandbox.mode: best-effort runs them with seccomp only)");
        }
        return Optional.empty();
    }

    static DestinationFiles create(
            KatoConfig config,
            Environment env,
            long userId,
            AuditLog audit,
            CaptureActivity activity,
            InstantSource clock,
            IdleCollector idle) {
        SandboxMode mode = config.sandbox().mode();
        if (mode == SandboxMode.OFF) {
            return DestinationFiles.IN_PROCESS;
        }
        WriterProcess.Confinement confinement =
                landlockAvailable()
                        ? WriterProcess.Confinement.DIRECTORY
                        : WriterProcess.Confinement.NONE;
        List<Path> providerRoots = new ArrayList<>();
        Configured.roots(config).values().forEach(providerRoots::addAll);
        List<Path> katoDirs = List.of(env.recordingsDir(), env.exportsDir());
        return new WriterWorkers(
                (target, probe) ->
                        new WriterStart(
                                mode,
                                target,
                                config.allowedWriteRoots(),
                                env.katoHome(),
                                katoDirs,
                                providerRoots,
                                config.writer().allowedExtensions(),
                                userId,
                                probe),
                WorkerRuntime.forWorkers(),
                confinement,
                mode,
                audit,
                activity,
                clock,
                env.configPath(),
                idle);
    }

    /**
     * Records, once at start, that destination writes run in the daemon ({@code sandbox.mode:
     * off}).
     */
    static void auditChoice(DestinationFiles files, KatoConfig config, AuditLog audit)
            throws IOException {
        if (files == DestinationFiles.IN_PROCESS) {
            audit.record(
                    new AuditEvent.SandboxConfinement(
                            new CorrelationId().value(),
                            Role.WRITER_WORKER.id(),
                            config.sandbox().mode().configValue(),
                            "not-applied",
                            "not-applied",
                            "unconfined"));
        }
    }
}

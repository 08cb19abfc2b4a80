package dev.kato.sandbox;

import java.util.Optional;

/**
 * The only entry points a confined JVM may be re-executed into. The trampoline refuses any other
 * class name, so a caller cannot turn it into a general "run this confined" tool.
 */
public enum WorkerMain {
    /** Runs the live permission probes of {@code kato doctor} and the sandbox tests. */
    PROBE("probe", "dev.kato.worker.ProbeWorker"),
    /** The one-shot {@code kato export} of one session ({@code Role#EXPORT}). */
    EXPORT("export", "dev.kato.worker.ExportWorker"),
    /** A recording's destination writer ({@code Role#WRITER_WORKER}), one per destination. */
    WRITER("writer", "dev.kato.worker.WriterWorker"),
    /** One provider's log reader and parser ({@code Role#PROVIDER_WORKER}). */
    PROVIDER("provider", "dev.kato.worker.ProviderWorker"),
    /** The daemon itself ({@code Role#ORCHESTRATOR}), started confined by {@code kato start}. */
    DAEMON("daemon", "dev.kato.daemon.DaemonMain");

    private final String id;
    private final String className;

    WorkerMain(String id, String className) {
        this.id = id;
        this.className = className;
    }

    public String id() {
        return id;
    }

    public String className() {
        return className;
    }

    public static Optional<WorkerMain> tryParse(String id) {
        for (WorkerMain m : values()) {
            if (m.id.equals(id)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}

package dev.kato.daemon;

import dev.kato.control.DaemonStatus.LayerStatus;
import dev.kato.control.DaemonStatus.RoleStatus;
import dev.kato.fs.WriteOpenMechanism;
import dev.kato.ingest.Ingestion;
import dev.kato.recording.DestinationFiles;
import dev.kato.sandbox.ConfinementStatus;
import dev.kato.sandbox.Role;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code kato status} says about confinement: only what is true of these processes, and for
 * the workers only what the last one started reported about itself (its kernel's answer and its
 * probes), and for the daemon itself what its own probes showed at start.
 */
final class SandboxState {
    private SandboxState() {}

    /** The status's sandbox section: the role × layer matrix, and a sentence per part. */
    record Report(List<RoleStatus> rows, List<LayerStatus> layers) {
        Report {
            rows = List.copyOf(rows);
            layers = List.copyOf(layers);
        }

        static Report empty() {
            return new Report(List.of(), List.of());
        }
    }

    static Report ofThisDaemon(DaemonConfinement daemon, DestinationFiles files, Ingestion ingest) {
        return new Report(rows(daemon, files, ingest), layers(daemon, files, ingest));
    }

    /**
     * The matrix: the daemon itself (the orchestrator) as its probes at start showed it, and each
     * kind of worker as the last one started reported itself (its kernel's answer and its start-up
     * probes).
     */
    static List<LayerStatus> layers(
            DaemonConfinement daemon, DestinationFiles files, Ingestion ingest) {
        String notApplied = "not-applied";
        List<LayerStatus> out = new ArrayList<>();
        out.add(
                new LayerStatus(
                        Role.ORCHESTRATOR.id(),
                        daemon.landlock(),
                        daemon.seccomp(),
                        daemon.probes()));
        if (ingest instanceof ProviderWorkers workers) {
            out.add(
                    workers.lastReady()
                            .map(r ->
                                    new LayerStatus(
                                            Role.PROVIDER_WORKER.id(),
                                            landlock(r.landlock()),
                                            ConfinementStatus.word(r.seccomp()),
                                            probes(r.undenied())))
                            .orElse(noneStarted(Role.PROVIDER_WORKER)));
        } else {
            out.add(new LayerStatus(Role.PROVIDER_WORKER.id(), notApplied, notApplied, "not-run"));
        }
        if (files instanceof WriterWorkers workers) {
            out.add(
                    workers.lastReady()
                            .map(r ->
                                    new LayerStatus(
                                            Role.WRITER_WORKER.id(),
                                            landlock(r.landlock()),
                                            ConfinementStatus.word(r.seccomp()),
                                            probes(
                                                    (r.probed() && !r.probeDenied() ? "write," : "")
                                                            + r.undenied())))
                            .orElse(noneStarted(Role.WRITER_WORKER)));
        } else {
            out.add(new LayerStatus(Role.WRITER_WORKER.id(), notApplied, notApplied, "not-run"));
        }
        return List.copyOf(out);
    }

    private static LayerStatus noneStarted(Role role) {
        return new LayerStatus(role.id(), "none-started", "none-started", "none-started");
    }

    private static String landlock(boolean enforced) {
        return enforced
                ? "enforced"
                : DaemonWriters.landlockAvailable() ? "missing" : "not-supported";
    }

    private static String probes(String undenied) {
        String list =
                undenied.endsWith(",") ? undenied.substring(0, undenied.length() - 1) : undenied;
        return list.isEmpty() ? "denied" : "allowed: " + list;
    }

    private static List<RoleStatus> rows(
            DaemonConfinement daemon, DestinationFiles files, Ingestion ingest) {
        List<RoleStatus> rows = new ArrayList<>();
        rows.add(new RoleStatus("daemon", daemonRow(daemon)));
        rows.add(new RoleStatus("log reading", reading(ingest)));
        rows.add(new RoleStatus("recording writes", writers(files)));
        rows.add(new RoleStatus("destination writes", openMechanism()));
        rows.add(new RoleStatus("kato export", "confined per sandbox.mode (a separate process)"));
        return List.copyOf(rows);
    }

    private static String daemonRow(DaemonConfinement daemon) {
        return switch (daemon) {
            case DaemonConfinement.NotApplied _ ->
                    "not confined: sandbox.mode off, the daemon process itself (vault, control"
                            + " socket, starting workers) runs without Landlock or seccomp";
            case DaemonConfinement.Probed p when p.probes().equals("denied") ->
                    "confined: Landlock (KATO_HOME, the config, what it hands on to its workers),"
                            + " seccomp, no_new_privs, a scrubbed environment; its read, write,"
                            + " exec, tcp, chmod and env probes at start were denied";
            case DaemonConfinement.Probed p ->
                    "partly confined (sandbox.mode best-effort): Landlock "
                            + p.landlock()
                            + ", seccomp "
                            + p.seccomp()
                            + "; probes "
                            + p.probes();
        };
    }

    private static String reading(Ingestion ingest) {
        if (!(ingest instanceof ProviderWorkers workers)) {
            return "not confined: sandbox.mode off, the daemon reads and parses the logs itself";
        }
        String how =
                DaemonWriters.landlockAvailable()
                        ? "confined: one provider worker process per provider (Landlock: read on"
                                + " its session roots only; seccomp; see 'kato doctor')"
                        : "partly confined: provider workers run with seccomp only (no Landlock"
                                + " on this kernel; sandbox.mode best-effort)";
        return how
                + workers.lastReady()
                        .map(r ->
                                "; the last one started found Landlock "
                                        + ConfinementStatus.word(r.landlock())
                                        + ", seccomp "
                                        + ConfinementStatus.word(r.seccomp())
                                        + (r.undenied().isEmpty()
                                                ? ", read, write, exec, tcp, unix, chmod and env"
                                                        + " probes denied"
                                                : ", probes NOT denied: " + r.undenied()))
                        .orElse("; none started yet");
    }

    private static String writers(DestinationFiles files) {
        String writers =
                files == DestinationFiles.IN_PROCESS
                        ? "not confined: sandbox.mode off, the daemon writes destinations itself"
                        : DaemonWriters.landlockAvailable()
                                ? "confined: one writer worker process per destination (Landlock"
                                        + " on its file or directory, seccomp; see 'kato doctor')"
                                : "partly confined: writer workers run with seccomp only (no"
                                        + " Landlock on this kernel; sandbox.mode best-effort)";
        if (files instanceof WriterWorkers workers) {
            writers +=
                    workers.lastReady()
                            .map(r ->
                                    "; the last one started found Landlock "
                                            + ConfinementStatus.word(r.landlock())
                                            + ", seccomp "
                                            + ConfinementStatus.word(r.seccomp())
                                            + (r.probed()
                                                    ? ", its probe write "
                                                            + (r.probeDenied()
                                                                    ? "denied"
                                                                    : "NOT denied")
                                                    : "")
                                            + (r.undenied().isEmpty()
                                                    ? ", exec, tcp, unix, chmod and env probes"
                                                            + " denied"
                                                    : ", probes NOT denied: " + r.undenied()))
                            .orElse("; none started yet");
        }
        return writers;
    }

    private static String openMechanism() {
        try {
            return switch (WriteOpenMechanism.active()) {
                case OPENAT2 -> "race-free (openat2 beneath the allowed root)";
                case OPENAT_NOFOLLOW_WALK -> "race-free (O_NOFOLLOW walk beneath the allowed root)";
            };
        } catch (IOException e) {
            return "refused on this platform (no race-free open)";
        }
    }
}

package dev.kato.daemon;

import dev.kato.control.DaemonStatus.RoleStatus;
import dev.kato.fs.WriteOpenMechanism;
import dev.kato.recording.DestinationFiles;
import dev.kato.sandbox.ConfinementStatus;
import java.io.IOException;
import java.util.List;

/**
 * What {@code kato status} says about confinement: only what is true of these processes. Recording
 * destinations are written by confined writer workers unless {@code sandbox.mode} is {@code off};
 * the daemon's own parsing is not in a confined worker yet, and it says so rather than claim a
 * layer.
 */
final class SandboxState {
    private SandboxState() {}

    static List<RoleStatus> ofThisDaemon(DestinationFiles files) {
        String open;
        try {
            open =
                    switch (WriteOpenMechanism.active()) {
                        case OPENAT2 -> "race-free (openat2 beneath the allowed root)";
                        case OPENAT_NOFOLLOW_WALK ->
                                "race-free (O_NOFOLLOW walk beneath the allowed root)";
                    };
        } catch (IOException e) {
            open = "refused on this platform (no race-free open)";
        }
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
        return List.of(
                new RoleStatus(
                        "daemon",
                        "not confined: reads and parses the assistants' logs in its own process"
                                + " (a confined provider worker is not wired yet)"),
                new RoleStatus("recording writes", writers),
                new RoleStatus("destination writes", open),
                new RoleStatus("kato export", "confined per sandbox.mode (a separate process)"));
    }
}

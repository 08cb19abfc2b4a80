package dev.kato.daemon;

import dev.kato.control.DaemonStatus.RoleStatus;
import dev.kato.fs.WriteOpenMechanism;
import java.io.IOException;
import java.util.List;

/**
 * What {@code kato status} says about the daemon's own confinement: only what is true of this
 * process. The confined worker processes exist ({@code kato doctor} proves them) but the daemon
 * does not run its parsing and writing in them yet, so it says so rather than claim a layer.
 */
final class SandboxState {
    private SandboxState() {}

    static List<RoleStatus> ofThisDaemon() {
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
        return List.of(
                new RoleStatus(
                        "daemon",
                        "not confined: parses and writes in its own process (confined workers"
                                + " not wired yet; 'kato doctor' proves what they would get)"),
                new RoleStatus("destination writes", open),
                new RoleStatus("kato export", "confined per sandbox.mode (a separate process)"));
    }
}

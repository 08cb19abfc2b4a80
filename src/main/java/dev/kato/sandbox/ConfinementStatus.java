package dev.kato.sandbox;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What confines the calling process right now, as the kernel answers (not as configured): Landlock
 * is enforced when listing {@code /} is refused with {@code EACCES} (no envelope grants it; any
 * unconfined process of the user may list it), seccomp when the kernel reports filter mode for the
 * calling thread ({@code PR_GET_SECCOMP}) and {@code no_new_privs}.
 *
 * @param landlock whether a live filesystem attempt outside the envelope was denied
 * @param seccomp whether the kernel reports a seccomp filter on this thread
 */
public record ConfinementStatus(boolean landlock, boolean seccomp) {

    /** Checks the calling process; cheap (one directory open and two {@code prctl} calls). */
    public static ConfinementStatus ofThisProcess() {
        return new ConfinementStatus(rootListingDenied(), seccompFilterActive());
    }

    public boolean fullyConfined() {
        return landlock && seccomp;
    }

    /** {@code enforced} or {@code missing}: the spelling used in reports and the audit log. */
    public static String word(boolean enforced) {
        return enforced ? "enforced" : "missing";
    }

    private static boolean rootListingDenied() {
        try {
            DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/"));
            entries.close();
            return false;
        } catch (AccessDeniedException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Asks the kernel ({@code prctl}), not {@code /proc/self/status}: a worker started by the
     * confined daemon cannot read its own {@code /proc} entry, because the daemon's Landlock domain
     * (which nests over the worker's) grants only the daemon's.
     */
    private static boolean seccompFilterActive() {
        return Seccomp.filterModeActive() && Landlock.noNewPrivs();
    }
}

package dev.kato.sandbox;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What confines the calling process right now, as the kernel answers (not as configured): Landlock
 * is enforced when listing {@code /} is refused with {@code EACCES} (no envelope grants it; any
 * unconfined process of the user may list it), seccomp when {@code /proc/self/status} reports
 * filter mode ({@code Seccomp: 2}) and {@code no_new_privs}.
 *
 * @param landlock whether a live filesystem attempt outside the envelope was denied
 * @param seccomp whether the kernel reports a seccomp filter on this thread
 */
public record ConfinementStatus(boolean landlock, boolean seccomp) {
    private static final Path STATUS = Path.of("/proc/self/status");

    /** Checks the calling process; cheap (one directory open and one small read). */
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

    private static boolean seccompFilterActive() {
        List<String> lines;
        try {
            lines = Files.readAllLines(STATUS);
        } catch (IOException e) {
            return false;
        }
        boolean filter = false;
        boolean noNewPrivs = false;
        for (String line : lines) {
            if (line.startsWith("Seccomp:")) {
                filter = line.substring("Seccomp:".length()).strip().equals("2");
            } else if (line.startsWith("NoNewPrivs:")) {
                noNewPrivs = line.substring("NoNewPrivs:".length()).strip().equals("1");
            }
        }
        return filter && noNewPrivs;
    }
}

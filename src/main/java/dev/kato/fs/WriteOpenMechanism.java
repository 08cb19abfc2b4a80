package dev.kato.fs;

import java.io.IOException;
import java.lang.foreign.Arena;

/**
 * How {@link BeneathDirectory} resolves names beneath a directory handle without following links.
 * Both are race-free: a directory swapped for a symbolic link makes the open fail, it never
 * escapes. Neither falls back to a path-based open.
 */
public enum WriteOpenMechanism {
    /**
     * {@code openat2(2)} with {@code RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
     * RESOLVE_NO_MAGICLINKS}: the kernel resolves the whole relative path and refuses any link or
     * escape (Linux 5.6 and later).
     */
    OPENAT2,
    /**
     * {@code openat(2)} one name at a time with {@code O_NOFOLLOW}, each relative to the handle of
     * the previous directory: for kernels or seccomp filters without {@code openat2}. A single name
     * cannot contain {@code ..} or {@code /}, and {@code O_NOFOLLOW} refuses a link, so every step
     * stays beneath the root.
     */
    OPENAT_NOFOLLOW_WALK;

    private static volatile WriteOpenMechanism active;

    /**
     * The mechanism destination writes use: probed once, then remembered. Switches to {@link
     * #OPENAT_NOFOLLOW_WALK} for good if {@code openat2} later turns out to be unavailable (a
     * seccomp filter installed after the probe).
     */
    public static WriteOpenMechanism active() throws IOException {
        WriteOpenMechanism m = active;
        if (m == null) {
            m = probe();
            active = m;
        }
        return m;
    }

    /**
     * Really calls {@code openat2} once (the root directory opened beneath itself with the strict
     * resolve flags) and reports which mechanism works here. Any failure of that call ({@code
     * ENOSYS} from an old kernel or a seccomp filter, {@code EPERM} from a filter that answers so,
     * {@code EINVAL}/{@code E2BIG} from a kernel that does not know these flags) means {@link
     * #OPENAT_NOFOLLOW_WALK}.
     *
     * @throws IOException on a platform without either mechanism (not Linux on x86_64)
     */
    public static WriteOpenMechanism probe() throws IOException {
        LinuxSyscalls.requireSupported();
        try (Arena arena = Arena.ofConfined()) {
            long root =
                    LinuxSyscalls.call(
                            arena,
                            LinuxSyscalls.OPENAT,
                            LinuxSyscalls.AT_FDCWD,
                            arena.allocateFrom("/").address(),
                            LinuxSyscalls.O_PATH
                                    | LinuxSyscalls.O_DIRECTORY
                                    | LinuxSyscalls.O_CLOEXEC);
            if (root < 0) {
                throw LinuxSyscalls.failure("/", root);
            }
            try {
                long fd =
                        NoFollowLookup.openat2(
                                arena,
                                (int) root,
                                ".",
                                LinuxSyscalls.O_PATH
                                        | LinuxSyscalls.O_DIRECTORY
                                        | LinuxSyscalls.O_CLOEXEC,
                                0,
                                LinuxSyscalls.RESOLVE_STRICT);
                if (fd < 0) {
                    return OPENAT_NOFOLLOW_WALK;
                }
                LinuxSyscalls.close((int) fd);
                return OPENAT2;
            } finally {
                LinuxSyscalls.close((int) root);
            }
        }
    }

    /** {@code openat2} failed with "not available" although the probe said it works. */
    static void openat2Unavailable() {
        active = OPENAT_NOFOLLOW_WALK;
    }
}

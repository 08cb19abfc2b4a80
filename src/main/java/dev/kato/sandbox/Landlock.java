package dev.kato.sandbox;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Landlock from Java: the ABI query, a ruleset that handles every filesystem right of the running
 * ABI plus TCP bind/connect and the IPC scopes, path-beneath rules opened as {@code O_PATH} before
 * restricting, and {@code landlock_restrict_self}. Restriction applies to the calling thread only
 * (ABI &lt; 8), which is why {@link dev.kato.sandbox.ConfinedLauncher} re-executes the JVM from the
 * restricted thread.
 */
public final class Landlock {
    private static final long CREATE_RULESET_VERSION = 1;
    private static final long RULE_PATH_BENEATH = 1;
    private static final long AT_FDCWD = -100;
    private static final long O_PATH = 0x200000;
    private static final long O_CLOEXEC = 0x80000;
    private static final long PR_SET_NO_NEW_PRIVS = 38;
    private static final long PR_GET_NO_NEW_PRIVS = 39;

    private Landlock() {}

    /** Whether this package can confine processes here at all (Linux on x86_64). */
    public static boolean isSupportedPlatform() {
        return Syscalls.isSupportedArchitecture();
    }

    /** The kernel's Landlock ABI version, or 0 when Landlock is absent or disabled. */
    public static int abi() {
        if (!Syscalls.isSupportedArchitecture()) {
            return 0;
        }
        Syscalls.Result r =
                Syscalls.call(Syscalls.LANDLOCK_CREATE_RULESET, 0, 0, CREATE_RULESET_VERSION);
        return r.failed() ? 0 : (int) r.value();
    }

    /** Sets {@code no_new_privs} on the calling thread (seccomp's TSYNC spreads it to all). */
    static void setNoNewPrivs() {
        Syscalls.Result r = Syscalls.call(Syscalls.PRCTL, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        if (r.failed()) {
            throw new SandboxException("prctl(PR_SET_NO_NEW_PRIVS)", r.errno());
        }
    }

    /** Whether the calling thread has {@code no_new_privs} set. */
    static boolean noNewPrivs() {
        Syscalls.Result r = Syscalls.call(Syscalls.PRCTL, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
        return !r.failed() && r.value() == 1;
    }

    /**
     * Restricts the calling thread to {@code rules}: no other filesystem access, no TCP bind or
     * connect, no abstract unix sockets or signals outside the domain. Missing paths are skipped
     * (they grant nothing). Sets {@code no_new_privs} first.
     *
     * @throws SandboxException when Landlock is absent or a step fails; the thread is then not
     *     restricted
     */
    public static void restrictSelf(List<PathRule> rules) {
        int abi = abi();
        if (abi < 1) {
            throw new SandboxException("Landlock is not available on this kernel");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(24, 8);
            attr.set(ValueLayout.JAVA_LONG, 0, LandlockAccess.handledFs(abi));
            attr.set(ValueLayout.JAVA_LONG, 8, LandlockAccess.handledNet(abi));
            attr.set(ValueLayout.JAVA_LONG, 16, LandlockAccess.scoped(abi));
            Syscalls.Result ruleset =
                    Syscalls.call(
                            Syscalls.LANDLOCK_CREATE_RULESET,
                            attr.address(),
                            LandlockAccess.rulesetAttrSize(abi),
                            0);
            if (ruleset.failed()) {
                throw new SandboxException("landlock_create_ruleset", ruleset.errno());
            }
            long fd = ruleset.value();
            try {
                for (PathRule rule : rules) {
                    addRule(arena, fd, rule, abi);
                }
                setNoNewPrivs();
                Syscalls.Result r = Syscalls.call(Syscalls.LANDLOCK_RESTRICT_SELF, fd, 0, 0);
                if (r.failed()) {
                    throw new SandboxException("landlock_restrict_self", r.errno());
                }
            } finally {
                Syscalls.call(Syscalls.CLOSE, fd, 0, 0);
            }
        }
    }

    private static void addRule(Arena arena, long rulesetFd, PathRule rule, int abi) {
        Path path = rule.path();
        boolean directory = Files.isDirectory(path);
        long bits = rule.access().bits(abi, directory);
        MemorySegment name = arena.allocateFrom(path.toString());
        Syscalls.Result opened =
                Syscalls.call(Syscalls.OPENAT, AT_FDCWD, name.address(), O_PATH | O_CLOEXEC);
        if (opened.failed()) {
            if (opened.errno() == Syscalls.ENOENT) {
                return;
            }
            throw new SandboxException("open " + path, opened.errno());
        }
        long pathFd = opened.value();
        try {
            // struct landlock_path_beneath_attr { u64 allowed_access; s32 parent_fd; } packed
            MemorySegment beneath = arena.allocate(12, 8);
            beneath.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, bits);
            beneath.set(ValueLayout.JAVA_INT_UNALIGNED, 8, (int) pathFd);
            Syscalls.Result added =
                    Syscalls.call(
                            Syscalls.LANDLOCK_ADD_RULE,
                            rulesetFd,
                            RULE_PATH_BENEATH,
                            beneath.address(),
                            0,
                            0);
            if (added.failed()) {
                throw new SandboxException("landlock_add_rule " + path, added.errno());
            }
        } finally {
            Syscalls.call(Syscalls.CLOSE, pathFd, 0, 0);
        }
    }
}

package dev.kato.fs;

import static dev.kato.fs.LinuxSyscalls.EINTR;
import static dev.kato.fs.LinuxSyscalls.ENOSYS;
import static dev.kato.fs.LinuxSyscalls.EPERM;
import static dev.kato.fs.LinuxSyscalls.O_NOFOLLOW;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The two ways to open a name relative to a directory handle without following a link. */
final class NoFollowLookup {
    private NoFollowLookup() {}

    /**
     * One lookup of a single name relative to {@code dir}: {@code openat2} with the strict resolve
     * flags, or {@code openat} with {@code O_NOFOLLOW}. Retries {@code EINTR}. When {@code openat2}
     * answers "not available" ({@code ENOSYS}, or {@code EPERM} from a seccomp filter) the same
     * lookup is made with {@code openat}; {@code ENOSYS} also switches the process to the walk for
     * good.
     *
     * @return the new descriptor, or {@code -errno}
     */
    static long open(
            WriteOpenMechanism mechanism, Arena a, int dir, String name, int flags, int mode) {
        if (mechanism == WriteOpenMechanism.OPENAT2) {
            long r;
            do {
                r = openat2(a, dir, name, flags, mode, LinuxSyscalls.RESOLVE_STRICT);
            } while (r == -EINTR);
            if (r != -ENOSYS && r != -EPERM) {
                return r;
            }
            if (r == -ENOSYS) {
                WriteOpenMechanism.openat2Unavailable();
            }
        }
        long r;
        do {
            r =
                    LinuxSyscalls.call(
                            a,
                            LinuxSyscalls.OPENAT,
                            dir,
                            a.allocateFrom(name).address(),
                            flags | O_NOFOLLOW,
                            mode);
        } while (r == -EINTR);
        return r;
    }

    /**
     * {@code openat2(dir, name, &how, sizeof how)} with {@code struct open_how {u64 flags; u64
     * mode; u64 resolve;}}; returns the descriptor or {@code -errno}.
     */
    static long openat2(Arena a, int dir, String name, int flags, long mode, long resolve) {
        MemorySegment how = a.allocate(LinuxSyscalls.OPEN_HOW_SIZE, 8);
        how.set(ValueLayout.JAVA_LONG, 0, Integer.toUnsignedLong(flags));
        how.set(ValueLayout.JAVA_LONG, 8, mode);
        how.set(ValueLayout.JAVA_LONG, 16, resolve);
        return LinuxSyscalls.call(
                a,
                LinuxSyscalls.OPENAT2,
                dir,
                a.allocateFrom(name).address(),
                how.address(),
                LinuxSyscalls.OPEN_HOW_SIZE);
    }
}

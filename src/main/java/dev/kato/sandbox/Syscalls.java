package dev.kato.sandbox;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Raw Linux system calls through glibc's variadic {@code long syscall(long nr, ...)}, reached with
 * the Foreign Function &amp; Memory API (no JNI). Every call returns the kernel's result and the
 * {@code errno} captured right after it. x86_64 numbers only; callers check {@link
 * #isSupportedArchitecture()} first.
 */
final class Syscalls {
    static final long PRCTL = 157;
    static final long SECCOMP = 317;
    static final long LANDLOCK_CREATE_RULESET = 444;
    static final long LANDLOCK_ADD_RULE = 445;
    static final long LANDLOCK_RESTRICT_SELF = 446;
    static final long OPENAT = 257;
    static final long CLOSE = 3;
    static final long EXECVE = 59;
    static final long PRLIMIT64 = 302;
    static final long SOCKET = 41;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EACCES = 13;
    static final int EINVAL = 22;
    static final int ENOSYS = 38;
    static final int EOPNOTSUPP = 95;

    private static final MethodHandle SYSCALL;
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

    static {
        SYSCALL = bind();
    }

    @SuppressWarnings("restricted") // the one native function this package calls
    private static MethodHandle bind() {
        Linker linker = Linker.nativeLinker();
        MemorySegment symbol =
                linker.defaultLookup()
                        .find("syscall")
                        .orElseThrow(() -> new IllegalStateException("libc has no syscall()"));
        ValueLayout.OfLong l = ValueLayout.JAVA_LONG;
        return linker.downcallHandle(
                symbol,
                FunctionDescriptor.of(l, l, l, l, l, l, l, l),
                Linker.Option.firstVariadicArg(1),
                Linker.Option.captureCallState("errno"));
    }

    private Syscalls() {}

    /** A system call's return value and, when it is {@code -1}, the errno it set. */
    record Result(long value, int errno) {
        boolean failed() {
            return value == -1;
        }
    }

    /** True on x86_64, the only architecture whose syscall numbers this package knows. */
    static boolean isSupportedArchitecture() {
        String arch = System.getProperty("os.arch", "");
        return System.getProperty("os.name", "").equals("Linux")
                && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    static Result call(long nr, long a0, long a1, long a2, long a3, long a4) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long value = (long) SYSCALL.invokeExact(state, nr, a0, a1, a2, a3, a4, 0L);
            int errno = value == -1 ? (int) ERRNO.get(state, 0L) : 0;
            return new Result(value, errno);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("syscall " + nr + " could not be invoked", t);
        }
    }

    static Result call(long nr, long a0, long a1, long a2) {
        return call(nr, a0, a1, a2, 0, 0);
    }

    /** A human name for the errno values this package reports. */
    static String errnoName(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EACCES -> "EACCES";
            case EINVAL -> "EINVAL";
            case ENOSYS -> "ENOSYS";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            default -> "errno " + errno;
        };
    }
}

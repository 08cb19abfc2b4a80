package dev.kato.fs;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * Raw Linux system calls through glibc's {@code syscall(2)}, reached with the Foreign Function
 * &amp; Memory API (no JNI), with errno captured per call. Numbers and flag values are those of the
 * x86_64 kernel ABI ({@code asm/unistd_64.h}, {@code asm-generic/fcntl.h}, {@code
 * linux/openat2.h}); on any other platform {@link #requireSupported()} refuses.
 *
 * <p>Every call returns the kernel's result, or {@code -errno} when it failed, so callers branch on
 * the errno they expect and turn the rest into an {@link IOException}.
 */
final class LinuxSyscalls {
    static final long READ = 0;
    static final long WRITE = 1;
    static final long CLOSE = 3;
    static final long FSTAT = 5;
    static final long LSEEK = 8;
    static final long FSYNC = 74;
    static final long FTRUNCATE = 77;
    static final long OPENAT = 257;
    static final long MKDIRAT = 258;
    static final long UNLINKAT = 263;
    static final long RENAMEAT = 264;
    static final long OPENAT2 = 437;

    static final int AT_FDCWD = -100;
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0x40;
    static final int O_EXCL = 0x80;
    static final int O_APPEND = 0x400;
    static final int O_NONBLOCK = 0x800;
    static final int O_DIRECTORY = 0x10000;
    static final int O_NOFOLLOW = 0x20000;
    static final int O_CLOEXEC = 0x80000;
    static final int O_PATH = 0x200000;

    static final long RESOLVE_NO_MAGICLINKS = 0x02;
    static final long RESOLVE_NO_SYMLINKS = 0x04;
    static final long RESOLVE_BENEATH = 0x08;

    /** Stay beneath the directory handle and follow no link of any kind. */
    static final long RESOLVE_STRICT =
            RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int EXDEV = 18;
    static final int ENOTDIR = 20;
    static final int EISDIR = 21;
    static final int ENOSPC = 28;
    static final int ENOSYS = 38;
    static final int ELOOP = 40;

    /** {@code sizeof(struct open_how)}, version 0: {@code u64 flags, mode, resolve}. */
    static final long OPEN_HOW_SIZE = 24;

    /** {@code sizeof(struct stat)} on x86_64. */
    static final long STAT_SIZE = 144;

    static final long STAT_NLINK_OFFSET = 16;
    static final long STAT_MODE_OFFSET = 24;
    static final long STAT_UID_OFFSET = 28;
    static final long STAT_SIZE_OFFSET = 48;

    private static final boolean SUPPORTED =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).equals("linux")
                    && System.getProperty("os.arch", "").equals("amd64");

    private LinuxSyscalls() {}

    /** True on the platform whose system call numbers and layouts this class knows. */
    static boolean isSupported() {
        return SUPPORTED;
    }

    /** Fails with one line when this platform has no handle-relative writer. */
    static void requireSupported() throws IOException {
        if (!SUPPORTED) {
            throw new IOException(
                    "race-free destination writes need Linux on x86_64; this is "
                            + System.getProperty("os.name")
                            + " on "
                            + System.getProperty("os.arch"));
        }
    }

    /** Calls system call {@code number}; returns its result or {@code -errno}. */
    static long call(Arena arena, long number, long... args) {
        if (args.length > 6) {
            throw new IllegalArgumentException("at most 6 system call arguments");
        }
        long[] a = new long[6];
        System.arraycopy(args, 0, a, 0, args.length);
        MemorySegment state = arena.allocate(Native.STATE_LAYOUT);
        long result;
        try {
            result =
                    (long)
                            Native.SYSCALL.invokeExact(
                                    state, number, a[0], a[1], a[2], a[3], a[4], a[5]);
        } catch (Throwable t) {
            throw new IllegalStateException("system call " + number + " could not be made", t);
        }
        if (result == -1) {
            return -(int) Native.ERRNO.get(state, 0L);
        }
        return result;
    }

    /** Closes a descriptor; a failing close of a descriptor we own is not actionable. */
    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            long r;
            do {
                r = call(arena, CLOSE, fd);
            } while (r == -EINTR);
        }
    }

    /** A short, content-free description of an errno value. */
    static String describe(long negativeErrno) {
        int errno = (int) -negativeErrno;
        return switch (errno) {
            case EPERM -> "operation not permitted";
            case ENOENT -> "no such file or directory";
            case ENXIO -> "not a regular file (no reader on the other end)";
            case EAGAIN -> "the path changed during lookup";
            case EACCES -> "permission denied";
            case EEXIST -> "already exists";
            case EXDEV -> "the path leaves the allowed root";
            case ENOTDIR -> "not a directory";
            case EISDIR -> "is a directory";
            case ENOSPC -> "no space left on device";
            case ENOSYS -> "system call not available";
            case ELOOP -> "is a symbolic link";
            default -> "system error " + errno;
        };
    }

    /** An exception for a failed call on {@code file}, with the errno described in one line. */
    static IOException failure(String file, long negativeErrno) {
        return switch ((int) -negativeErrno) {
            case ENOENT -> new java.nio.file.NoSuchFileException(file);
            case EEXIST -> new java.nio.file.FileAlreadyExistsException(file);
            default -> new java.nio.file.FileSystemException(file, null, describe(negativeErrno));
        };
    }

    /** The downcall handle, created on first use so merely loading this class costs nothing. */
    private static final class Native {
        static final MemoryLayout STATE_LAYOUT = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO =
                STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle SYSCALL = syscallHandle();

        // restricted: native access is granted to this module (--enable-native-access=dev.kato)
        @SuppressWarnings("restricted")
        private static MethodHandle syscallHandle() {
            Linker linker = Linker.nativeLinker();
            MemorySegment address =
                    linker.defaultLookup()
                            .find("syscall")
                            .orElseThrow(() -> new IllegalStateException("no syscall in libc"));
            ValueLayout l = JAVA_LONG;
            return linker.downcallHandle(
                    address,
                    FunctionDescriptor.of(l, l, l, l, l, l, l, l),
                    Linker.Option.firstVariadicArg(1),
                    Linker.Option.captureCallState("errno"));
        }
    }
}

package dev.kato.sandbox;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Resource limits for a confined process: no core dumps (a core file would copy conversation
 * content out of the process's memory). {@code RLIMIT_NPROC} is deliberately not set: it counts
 * every process of the user, not of the worker, so it would fail unrelated programs or be too loose
 * to matter; a worker cannot execute anything anyway.
 */
public final class ResourceLimits {
    private static final long RLIMIT_CORE = 4;

    private ResourceLimits() {}

    /** Sets the soft and hard core-file size limit of this process to zero. */
    public static void disableCoreDumps() {
        if (!Syscalls.isSupportedArchitecture()) {
            throw new SandboxException("confinement is implemented for Linux x86_64 only");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment limit = arena.allocate(16, 8);
            limit.set(ValueLayout.JAVA_LONG, 0, 0L);
            limit.set(ValueLayout.JAVA_LONG, 8, 0L);
            Syscalls.Result r =
                    Syscalls.call(Syscalls.PRLIMIT64, 0, RLIMIT_CORE, limit.address(), 0, 0);
            if (r.failed()) {
                throw new SandboxException("prlimit64(RLIMIT_CORE)", r.errno());
            }
        }
    }
}

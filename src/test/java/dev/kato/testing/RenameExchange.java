package dev.kato.testing;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * Atomically swaps two directory entries with {@code renameat2(RENAME_EXCHANGE)} (x86_64 syscall
 * 316): the racing attacker of the write-race gate test. At every instant each name exists, one of
 * them as the real directory and the other as the symbolic link.
 */
public final class RenameExchange implements AutoCloseable {
    private static final long RENAMEAT2 = 316;
    private static final long AT_FDCWD = -100;
    private static final long RENAME_EXCHANGE = 2;
    private static final MemoryLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SYSCALL = handle();

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment first;
    private final MemorySegment second;
    private final MemorySegment state = arena.allocate(STATE);

    public RenameExchange(Path first, Path second) {
        this.first = arena.allocateFrom(first.toString());
        this.second = arena.allocateFrom(second.toString());
    }

    /** Swaps the two entries once. */
    public void exchange() throws IOException {
        long r;
        try {
            r =
                    (long)
                            SYSCALL.invokeExact(
                                    state,
                                    RENAMEAT2,
                                    AT_FDCWD,
                                    first.address(),
                                    AT_FDCWD,
                                    second.address(),
                                    RENAME_EXCHANGE);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (r < 0) {
            throw new IOException("renameat2 failed, errno " + (int) ERRNO.get(state, 0L));
        }
    }

    @Override
    public void close() {
        arena.close();
    }

    @SuppressWarnings("restricted")
    private static MethodHandle handle() {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(
                linker.defaultLookup().find("syscall").orElseThrow(),
                FunctionDescriptor.of(
                        JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                        JAVA_LONG),
                Linker.Option.firstVariadicArg(1),
                Linker.Option.captureCallState("errno"));
    }
}

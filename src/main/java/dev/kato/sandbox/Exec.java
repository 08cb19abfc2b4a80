package dev.kato.sandbox;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code execve(2)} from the calling Java thread. In a multi-threaded process the kernel ends every
 * other thread, makes the caller the thread-group leader and keeps the PID; the caller's
 * credentials, including its Landlock domain and {@code no_new_privs}, pass to the new image.
 */
public final class Exec {
    private Exec() {}

    /**
     * Replaces this process image; returns only by throwing.
     *
     * @throws SandboxException when the kernel refuses the execution
     */
    public static void replaceProcess(Path program, List<String> argv, Map<String, String> env) {
        if (!Syscalls.isSupportedArchitecture()) {
            throw new SandboxException("confinement is implemented for Linux x86_64 only");
        }
        Arena arena = Arena.global(); // never freed: on success the whole image is replaced
        MemorySegment path = arena.allocateFrom(program.toString());
        MemorySegment args = pointers(arena, argv);
        MemorySegment envp =
                pointers(
                        arena,
                        env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        Syscalls.Result r =
                Syscalls.call(Syscalls.EXECVE, path.address(), args.address(), envp.address());
        throw new SandboxException("execve " + program, r.errno());
    }

    private static MemorySegment pointers(Arena arena, List<String> values) {
        AddressLayout ptr = ValueLayout.ADDRESS;
        MemorySegment array = arena.allocate(ptr, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ptr, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ptr, values.size(), MemorySegment.NULL);
        return array;
    }
}

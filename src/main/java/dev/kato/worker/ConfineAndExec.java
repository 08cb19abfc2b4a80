package dev.kato.worker;

import dev.kato.sandbox.Exec;
import dev.kato.sandbox.Landlock;
import dev.kato.sandbox.ResourceLimits;
import dev.kato.sandbox.SandboxException;
import dev.kato.sandbox.TrampolineArgs;
import dev.kato.sandbox.WorkerCommand;
import dev.kato.sandbox.WorkerRuntime;
import java.util.List;

/**
 * Stage 1 of a confined worker start: restricts this thread with Landlock (and {@code
 * no_new_privs}), then replaces the process with the worker JVM from this same thread, so the
 * worker is confined from its first instruction on every thread. On a kernel without Landlock it
 * re-executes unrestricted and says so on stderr; the worker's probes then report the layer missing
 * and the parent decides by {@code sandbox.mode}. Any other failure ends the process.
 */
public final class ConfineAndExec {
    private ConfineAndExec() {}

    public static void main(String[] argv) {
        TrampolineArgs args;
        try {
            args = TrampolineArgs.decode(List.of(argv));
        } catch (IllegalArgumentException e) {
            System.err.println("kato-trampoline: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!Landlock.isSupportedPlatform()) {
            System.err.println("kato-trampoline: confinement is implemented for Linux x86_64 only");
            System.exit(3);
        }
        try {
            ResourceLimits.disableCoreDumps();
            if (Landlock.abi() >= 1) {
                Landlock.restrictSelf(args.rules());
            } else {
                System.err.println("kato-trampoline: Landlock is not available on this kernel");
            }
            WorkerRuntime runtime = WorkerRuntime.current(args.aotCache());
            Exec.replaceProcess(
                    runtime.javaLauncher(),
                    WorkerCommand.worker(runtime, args.role(), args.main(), args.workerArgs()),
                    System.getenv());
        } catch (SandboxException e) {
            System.err.println("kato-trampoline: " + e.getMessage());
            System.exit(3);
        }
    }
}

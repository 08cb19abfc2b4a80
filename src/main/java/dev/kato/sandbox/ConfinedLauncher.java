package dev.kato.sandbox;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a worker JVM confined on every thread from its first instruction ("restrict, then
 * re-exec"): a short-lived trampoline JVM applies Landlock and {@code no_new_privs} to its main
 * thread and {@code execve}s the worker JVM from that same thread; the kernel ends the trampoline's
 * other threads and the new image inherits the domain. The worker then installs its seccomp filter
 * on all its threads ({@code TSYNC}) before it reads any input. The environment is built from
 * nothing by the {@link Envelope}; argv is fixed by {@link WorkerCommand}.
 */
public final class ConfinedLauncher {
    private ConfinedLauncher() {}

    /** Every Landlock grant of {@code envelope}'s process: its runtime's plus its own. */
    public static List<PathRule> rules(Envelope envelope, WorkerRuntime runtime) {
        List<PathRule> rules = new ArrayList<>(runtime.rules(envelope.role()));
        rules.addAll(envelope.grants());
        return List.copyOf(rules);
    }

    /** A process builder for a confined worker; stdin, stdout and stderr are left to the caller. */
    public static ProcessBuilder confined(
            Envelope envelope,
            WorkerRuntime runtime,
            WorkerMain main,
            List<String> workerArgs,
            Map<String, String> parentEnvironment) {
        TrampolineArgs args =
                new TrampolineArgs(
                        envelope.role(),
                        main,
                        runtime.aotCache(),
                        rules(envelope, runtime),
                        workerArgs);
        return builder(
                WorkerCommand.trampoline(runtime, args), envelope.environment(parentEnvironment));
    }

    /**
     * The same worker without the trampoline: no Landlock, no re-exec (the worker still installs
     * its seccomp filter). For {@code sandbox.mode: off} and for measuring the trampoline's cost.
     */
    public static ProcessBuilder unconfined(
            Envelope envelope,
            WorkerRuntime runtime,
            WorkerMain main,
            List<String> workerArgs,
            Map<String, String> parentEnvironment) {
        return builder(
                WorkerCommand.worker(runtime, envelope.role(), main, workerArgs),
                envelope.environment(parentEnvironment));
    }

    private static ProcessBuilder builder(List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(new File("/"));
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb;
    }
}

package dev.kato.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixed JVM command lines for the two stages of a confined start. Flags keep the JVM away from
 * files outside its envelope and small: no perf-data file in {@code /tmp}, no attach listener, no
 * finalizers, no core or error files, serial GC, a small heap. Workers run C1 only, except the
 * provider workers: they parse every byte of history at the first start, where C2's code pays for
 * its compile time.
 */
public final class WorkerCommand {
    static final String TRAMPOLINE = "dev.kato.worker.ConfineAndExec";

    /** The AOT training run's class: not a {@link WorkerMain}, never run confined. */
    static final String TRAINING = "dev.kato.worker.TrainingWorker";

    /** What every Kato JVM but the CLI runs with. */
    private static final List<String> COMMON_FLAGS =
            List.of(
                    "-XX:+UseSerialGC",
                    "-XX:-UsePerfData",
                    // the workers' AOT cache mapped where it was built (ArchiveBase), its pages
                    // shared between all Kato JVMs
                    "-XX:+UnlockDiagnosticVMOptions",
                    "-XX:ArchiveRelocationMode=0",
                    "-XX:+DisableAttachMechanism",
                    "-XX:-CreateCoredumpOnCrash",
                    "-XX:ErrorFile=/dev/null",
                    // start small: the heap can shrink back to this after a burst or a catch-up…
                    "-Xms8m",
                    // …and gives back what it grew by once that is collected
                    "-XX:MinHeapFreeRatio=10",
                    "-XX:MaxHeapFreeRatio=30",
                    "-Xmx64m",
                    "-Xss512k",
                    // freed native memory (compiler arenas, I/O buffers) handed back to the system
                    "-XX:TrimNativeHeapInterval=2000",
                    // stdout is a protocol (the daemon's start-up handshake, a worker's frames):
                    // the VM's own messages (e.g. a failed start) go to stderr
                    "-XX:+DisplayVMOutputToStderr",
                    "-Xlog:disable",
                    // Landlock, seccomp and the destination writer's openat2 & co. through FFM
                    "--enable-native-access=dev.kato");

    static final List<String> JVM_FLAGS = with(COMMON_FLAGS, "--finalization=disabled");

    /**
     * The daemon's flags, confined or not: those of the workers, C1 only (much of its work runs
     * once per batch or per session, a few thousand times in a catch-up: C2 alone compiled it only
     * after 10,000 calls, so it ran interpreted, and compiling the rest cost more than it gained;
     * see {@code docs/decisions.md}), a young generation of half the heap with larger survivor
     * spaces (during a catch-up several batches are in flight at every collection: with the default
     * third and 1:8, they were promoted and filled the old generation, ~100 full collections per
     * first start), and JVM warnings to stderr ({@code logs/daemon.out}), never to stdout, which
     * carries the start-up handshake.
     */
    public static final List<String> DAEMON_JVM_FLAGS =
            with(
                    COMMON_FLAGS,
                    "-XX:TieredStopAtLevel=1",
                    "-XX:NewRatio=1",
                    "-XX:SurvivorRatio=4",
                    "-Xlog:all=warning:stderr");

    private WorkerCommand() {}

    private static List<String> with(List<String> flags, String... more) {
        List<String> all = new ArrayList<>(flags);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    /** The JVM flags of a process of {@code role}. */
    static List<String> jvmFlags(Role role) {
        if (role == Role.ORCHESTRATOR) {
            return DAEMON_JVM_FLAGS;
        }
        List<String> flags = new ArrayList<>(JVM_FLAGS);
        if (role == Role.PROVIDER_WORKER) {
            // C2 only: they parse every byte of history, where C2's code pays for its compiling;
            // and the daemon's young generation (see DAEMON_JVM_FLAGS): each read's lines, their
            // rendering and the frame are all alive at a collection
            flags.addAll(
                    1, List.of("-XX:-TieredCompilation", "-XX:NewRatio=1", "-XX:SurvivorRatio=4"));
        } else {
            flags.add(1, "-XX:TieredStopAtLevel=1");
        }
        return flags;
    }

    /**
     * Stage 1: an ordinary JVM running the trampoline, which confines itself and re-executes. It
     * uses the workers' AOT cache too: most of what it loads (the JDK's start-up and FFM classes)
     * is the same.
     */
    public static List<String> trampoline(WorkerRuntime runtime, TrampolineArgs args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(runtime.javaLauncher().toString());
        cmd.addAll(jvmFlags(args.role()));
        runtime.aotCache().ifPresent(a -> cmd.add("-XX:AOTCache=" + a));
        cmd.addAll(List.of("-p", runtime.modulePathArgument(), "-m", "dev.kato/" + TRAMPOLINE));
        cmd.addAll(args.encode());
        return List.copyOf(cmd);
    }

    /**
     * The training run recorded into the workers' AOT cache ({@code kato aot-worker-training}): the
     * {@link #TRAINING} class, unconfined, with a provider worker's JVM flags (C2 only: its
     * interpreter collects the method profiles the cache keeps) plus the recording flags, then a
     * writer worker's {@code writerArgs}. The JVM keeps the base address of the recording in {@code
     * configuration}; the creation step must name the same one.
     */
    public static List<String> aotTraining(
            WorkerRuntime runtime,
            List<String> writerArgs,
            java.nio.file.Path configuration,
            ArchiveBase base) {
        List<String> cmd = new ArrayList<>();
        cmd.add(runtime.javaLauncher().toString());
        cmd.addAll(jvmFlags(Role.PROVIDER_WORKER));
        cmd.addAll(
                List.of(
                        "-XX:AOTMode=record",
                        "-XX:AOTConfiguration=" + configuration,
                        base.flag(),
                        "-p",
                        runtime.modulePathArgument(),
                        "-m",
                        "dev.kato/" + TRAINING,
                        Role.WRITER_WORKER.id()));
        cmd.addAll(writerArgs);
        return List.copyOf(cmd);
    }

    /**
     * Turns a training run's {@code configuration}, recorded with {@code base}, into the AOT cache
     * file {@code cache}, to be mapped at {@code base} by every JVM that uses it.
     */
    public static List<String> aotCreate(
            WorkerRuntime runtime,
            java.nio.file.Path configuration,
            java.nio.file.Path cache,
            ArchiveBase base) {
        List<String> cmd = new ArrayList<>();
        cmd.add(runtime.javaLauncher().toString());
        cmd.addAll(jvmFlags(Role.PROVIDER_WORKER));
        cmd.addAll(
                List.of(
                        base.flag(),
                        "-XX:AOTMode=create",
                        "-XX:AOTConfiguration=" + configuration,
                        "-XX:AOTCache=" + cache,
                        "-p",
                        runtime.modulePathArgument(),
                        "-m",
                        "dev.kato/" + TRAINING));
        return List.copyOf(cmd);
    }

    /** Stage 2: the worker JVM itself, started by {@code execve} inside the Landlock domain. */
    public static List<String> worker(
            WorkerRuntime runtime, Role role, WorkerMain main, List<String> workerArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(runtime.javaLauncher().toString());
        cmd.addAll(jvmFlags(role));
        runtime.aotCache().ifPresent(a -> cmd.add("-XX:AOTCache=" + a));
        cmd.addAll(
                List.of("-p", runtime.modulePathArgument(), "-m", "dev.kato/" + main.className()));
        cmd.add(role.id());
        cmd.addAll(workerArgs);
        return List.copyOf(cmd);
    }
}

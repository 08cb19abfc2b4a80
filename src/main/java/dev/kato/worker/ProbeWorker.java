package dev.kato.worker;

import dev.kato.sandbox.Envelope;
import dev.kato.sandbox.Landlock;
import dev.kato.sandbox.ProbeRecord;
import dev.kato.sandbox.ProbeRecord.Attempt;
import dev.kato.sandbox.ProbeRecord.Fact;
import dev.kato.sandbox.Role;
import dev.kato.sandbox.SandboxException;
import dev.kato.sandbox.WorkerConfinement;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A worker that proves its own confinement: it attempts every probe given as {@code name=arg} first
 * under Landlock alone, then after installing its seccomp filter, then the forbidden read from
 * other JVM threads (a new platform thread, a virtual thread, a {@link Cleaner} thread and, with
 * {@code hook=1}, a shutdown hook run when the parent sends SIGTERM). Prints one {@link
 * ProbeRecord} per line.
 */
public final class ProbeWorker {
    private static final PrintStream OUT =
            new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private ProbeWorker() {}

    public static void main(String[] argv) throws Exception {
        Role role = Role.tryParse(argv.length > 0 ? argv[0] : "").orElse(null);
        if (role == null) {
            System.err.println("kato-probe: unknown role");
            System.exit(2);
            return;
        }
        Map<String, String> probes = new LinkedHashMap<>();
        for (int i = 1; i < argv.length; i++) {
            int eq = argv[i].indexOf('=');
            if (eq <= 0) {
                System.err.println("kato-probe: expected name=value");
                System.exit(2);
            }
            probes.put(argv[i].substring(0, eq), argv[i].substring(eq + 1));
        }
        Set<String> allowedEnv = Envelope.allowedEnvironmentNames(role);
        emit(new Fact("landlock-abi", Integer.toString(Landlock.abi())));
        emit(ThreadStatus.census(ProbeRecord.PHASE_LANDLOCK));
        runAll(ProbeRecord.PHASE_LANDLOCK, probes, allowedEnv);
        try {
            WorkerConfinement.completeInWorker(role);
            emit(new Fact("seccomp-install", "ok"));
        } catch (SandboxException e) {
            emit(new Fact("seccomp-install", e.getMessage().replace('\t', ' ')));
        }
        emit(ThreadStatus.census(ProbeRecord.PHASE_SECCOMP));
        runAll(ProbeRecord.PHASE_SECCOMP, probes, allowedEnv);
        String forbidden = probes.get("read-forbidden");
        if (forbidden != null) {
            otherThreads(forbidden, allowedEnv);
        }
        if ("1".equals(probes.get("hook"))) {
            Map<String, String> hookProbes = new LinkedHashMap<>(probes);
            hookProbes.keySet().retainAll(List.of("read-forbidden", "write-forbidden", "tcp"));
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(() ->
                                    runAll(
                                            ProbeRecord.PHASE_SHUTDOWN_HOOK,
                                            hookProbes,
                                            allowedEnv)));
            emit(new Fact("ready", "1"));
            readUntilEnd();
        }
        emit(new Fact("done", "1"));
    }

    private static void runAll(String phase, Map<String, String> probes, Set<String> allowedEnv) {
        probes.forEach((name, arg) -> {
            if (!name.equals("hook")) {
                emit(Probes.run(phase, name, arg, allowedEnv));
            }
        });
    }

    private static void otherThreads(String forbidden, Set<String> allowedEnv) throws Exception {
        List<CompletableFuture<Attempt>> results = new ArrayList<>();
        CompletableFuture<Attempt> platform = new CompletableFuture<>();
        Thread.ofPlatform()
                .start(() ->
                        platform.complete(threadRead("platform-thread", forbidden, allowedEnv)));
        results.add(platform);
        CompletableFuture<Attempt> virtual = new CompletableFuture<>();
        Thread.ofVirtual()
                .start(() -> virtual.complete(threadRead("virtual-thread", forbidden, allowedEnv)));
        results.add(virtual);
        CompletableFuture<Attempt> cleaned = new CompletableFuture<>();
        Cleaner cleaner = Cleaner.create();
        // the action runs on the Cleaner's own thread once the object is unreachable
        cleaner.register(
                new Object(),
                () -> cleaned.complete(threadRead("cleaner-thread", forbidden, allowedEnv)));
        results.add(cleaned);
        for (int i = 0; i < 250 && !cleaned.isDone(); i++) {
            System.gc();
            Thread.sleep(20);
        }
        for (CompletableFuture<Attempt> r : results) {
            emit(
                    r.getNow(
                            new Attempt(
                                    ProbeRecord.PHASE_THREADS,
                                    "read-forbidden-cleaner-thread",
                                    ProbeRecord.Outcome.FAILED,
                                    "did not run")));
        }
    }

    private static Attempt threadRead(String thread, String forbidden, Set<String> allowedEnv) {
        Attempt a = Probes.run(ProbeRecord.PHASE_THREADS, "read-forbidden", forbidden, allowedEnv);
        return new Attempt(a.phase(), "read-forbidden-" + thread, a.outcome(), a.reason());
    }

    private static void readUntilEnd() throws IOException {
        byte[] buffer = new byte[256];
        while (System.in.read(buffer) >= 0) {
            // the parent ends the worker with SIGTERM (shutdown hook) or by closing stdin
        }
    }

    private static synchronized void emit(ProbeRecord r) {
        OUT.println(r.line());
    }
}

package dev.kato.sandbox;

import dev.kato.sandbox.ProbeRecord.Attempt;
import dev.kato.sandbox.ProbeRecord.Fact;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Proves the confinement of the calling process, and completes it: every probe is attempted under
 * Landlock alone, then the role's seccomp filter is installed on every thread, then every probe is
 * attempted again, then the forbidden read from other kinds of thread (a new platform thread, a
 * virtual thread, a {@link Cleaner} thread). {@link LayerVerdicts} judges the records. Used by the
 * probe worker of {@code kato doctor} and by the daemon itself at start.
 */
public final class SelfProbe {
    /** Runs one named probe in a phase; {@link Probes#run} or a caller's own. */
    @FunctionalInterface
    public interface Attempter {
        Attempt attempt(String phase, String name, String argument);
    }

    private SelfProbe() {}

    /**
     * @param probes name → argument, in the order they run
     * @param sink receives each record as soon as it exists
     */
    public static void run(
            Role role, Map<String, String> probes, Attempter attempter, Consumer<ProbeRecord> sink)
            throws InterruptedException {
        sink.accept(new Fact("landlock-abi", Integer.toString(Landlock.abi())));
        sink.accept(ThreadStatus.census(ProbeRecord.PHASE_LANDLOCK));
        runAll(ProbeRecord.PHASE_LANDLOCK, probes, attempter, sink);
        try {
            WorkerConfinement.completeInWorker(role);
            sink.accept(new Fact("seccomp-install", "ok"));
        } catch (SandboxException e) {
            sink.accept(new Fact("seccomp-install", e.getMessage().replace('\t', ' ')));
        }
        sink.accept(ThreadStatus.census(ProbeRecord.PHASE_SECCOMP));
        runAll(ProbeRecord.PHASE_SECCOMP, probes, attempter, sink);
        String forbidden = probes.get("read-forbidden");
        if (forbidden != null) {
            otherThreads(forbidden, attempter).forEach(sink);
        }
    }

    private static void runAll(
            String phase,
            Map<String, String> probes,
            Attempter attempter,
            Consumer<ProbeRecord> sink) {
        probes.forEach((name, arg) -> {
            if (!name.equals("hook")) {
                sink.accept(attempter.attempt(phase, name, arg));
            }
        });
    }

    private static List<Attempt> otherThreads(String forbidden, Attempter attempter)
            throws InterruptedException {
        List<CompletableFuture<Attempt>> results = new ArrayList<>();
        CompletableFuture<Attempt> platform = new CompletableFuture<>();
        Thread.ofPlatform()
                .start(() ->
                        platform.complete(threadRead("platform-thread", forbidden, attempter)));
        results.add(platform);
        CompletableFuture<Attempt> virtual = new CompletableFuture<>();
        Thread.ofVirtual()
                .start(() -> virtual.complete(threadRead("virtual-thread", forbidden, attempter)));
        results.add(virtual);
        CompletableFuture<Attempt> cleaned = new CompletableFuture<>();
        Cleaner cleaner = Cleaner.create();
        // the action runs on the Cleaner's own thread once the object is unreachable
        cleaner.register(
                new Object(),
                () -> cleaned.complete(threadRead("cleaner-thread", forbidden, attempter)));
        results.add(cleaned);
        for (int i = 0; i < 250 && !cleaned.isDone(); i++) {
            System.gc();
            Thread.sleep(20);
        }
        List<Attempt> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            String thread = List.of("platform-thread", "virtual-thread", "cleaner-thread").get(i);
            CompletableFuture<Attempt> r = results.get(i);
            if (i < 2) {
                try {
                    r.get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException
                        | java.util.concurrent.TimeoutException e) {
                    // reported as "did not run" below
                }
            }
            out.add(
                    r.getNow(
                            new Attempt(
                                    ProbeRecord.PHASE_THREADS,
                                    "read-forbidden-" + thread,
                                    ProbeRecord.Outcome.FAILED,
                                    "did not run")));
        }
        return out;
    }

    private static Attempt threadRead(String thread, String forbidden, Attempter attempter) {
        Attempt a = attempter.attempt(ProbeRecord.PHASE_THREADS, "read-forbidden", forbidden);
        return new Attempt(a.phase(), "read-forbidden-" + thread, a.outcome(), a.reason());
    }
}

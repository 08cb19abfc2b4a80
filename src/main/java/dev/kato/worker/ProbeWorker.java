package dev.kato.worker;

import dev.kato.sandbox.Envelope;
import dev.kato.sandbox.ProbeRecord;
import dev.kato.sandbox.ProbeRecord.Attempt;
import dev.kato.sandbox.ProbeRecord.Fact;
import dev.kato.sandbox.Probes;
import dev.kato.sandbox.Role;
import dev.kato.sandbox.SelfProbe;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A worker that proves its own confinement: it attempts every probe given as {@code name=arg} first
 * under Landlock alone, then after installing its seccomp filter, then the forbidden read from
 * other JVM threads (a new platform thread, a virtual thread, a {@link java.lang.ref.Cleaner}
 * thread and, with {@code hook=1}, a shutdown hook run when the parent sends SIGTERM). Prints one
 * {@link ProbeRecord} per line.
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
        SelfProbe.run(
                role,
                probes,
                (phase, name, arg) -> attempt(phase, name, arg, allowedEnv),
                ProbeWorker::emit);
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
                emit(attempt(phase, name, arg, allowedEnv));
            }
        });
    }

    /** The shared probes, and {@code spawn-worker}, which only a probe worker runs. */
    private static Attempt attempt(String phase, String name, String arg, Set<String> allowedEnv) {
        if (name.equals("spawn-worker")) {
            try {
                return NestedWorkerProbe.run(phase, arg);
            } catch (java.io.IOException | RuntimeException e) {
                return new Attempt(
                        phase, name, ProbeRecord.Outcome.FAILED, e.getClass().getSimpleName());
            }
        }
        return Probes.run(phase, name, arg, allowedEnv);
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

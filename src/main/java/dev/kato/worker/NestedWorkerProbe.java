package dev.kato.worker;

import dev.kato.sandbox.ConfinedLauncher;
import dev.kato.sandbox.Envelope;
import dev.kato.sandbox.ProbeRecord;
import dev.kato.sandbox.ProbeRecord.Attempt;
import dev.kato.sandbox.ProbeRecord.Outcome;
import dev.kato.sandbox.Role;
import dev.kato.sandbox.RoleProbe;
import dev.kato.sandbox.WorkerMain;
import dev.kato.sandbox.WorkerRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Probe {@code spawn-worker=ROOT|FILE_IN_ROOT|FORBIDDEN_FILE}: from inside a confined process,
 * starts a confined provider worker for {@code ROOT} the normal way and reports whether it could
 * read {@code FILE_IN_ROOT} (and was denied {@code FORBIDDEN_FILE}). Shows how Landlock domains
 * nest: the worker reaches only what its spawner can.
 */
final class NestedWorkerProbe {
    private static final String NAME = "spawn-worker";

    private NestedWorkerProbe() {}

    static Attempt run(String phase, String arg) throws IOException {
        String[] parts = arg.split("\\|", -1);
        if (parts.length != 3) {
            return new Attempt(phase, NAME, Outcome.FAILED, "expected ROOT|FILE|FORBIDDEN");
        }
        ProcessBuilder pb =
                ConfinedLauncher.confined(
                        new Envelope.ProviderWorker(List.of(Path.of(parts[0]))),
                        WorkerRuntime.current(Optional.empty()),
                        WorkerMain.PROBE,
                        List.of("read-allowed=" + parts[1], "read-forbidden=" + parts[2]),
                        System.getenv());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        List<ProbeRecord> records = RoleProbe.read(process.getInputStream());
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Attempt(phase, NAME, Outcome.FAILED, "nested worker timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(phase, NAME, Outcome.FAILED, "interrupted");
        }
        RoleProbe nested =
                new RoleProbe(Role.PROVIDER_WORKER, records, process.exitValue(), -1, "");
        Optional<Attempt> allowed = nested.attempt(ProbeRecord.PHASE_LANDLOCK, "read-allowed");
        Optional<Attempt> forbidden = nested.attempt(ProbeRecord.PHASE_LANDLOCK, "read-forbidden");
        if (allowed.isEmpty() || forbidden.isEmpty()) {
            return new Attempt(
                    phase, NAME, Outcome.FAILED, "nested worker exit " + process.exitValue());
        }
        if (forbidden.get().outcome() != Outcome.DENIED) {
            return new Attempt(
                    phase, NAME, Outcome.FAILED, "nested worker read the forbidden file");
        }
        if (allowed.get().outcome() == Outcome.ALLOWED) {
            return new Attempt(
                    phase, NAME, Outcome.ALLOWED, "nested worker confined, read its root");
        }
        return new Attempt(phase, NAME, allowed.get().outcome(), allowed.get().reason());
    }
}

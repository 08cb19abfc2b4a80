package dev.kato.sandbox;

import static dev.kato.sandbox.ConfinedWorkerProcessTest.assertAllowed;
import static dev.kato.sandbox.ConfinedWorkerProcessTest.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A confined orchestrator can start a confined worker the normal way (trampoline, re-exec), and
 * Landlock domains nest: the worker reads its session root only when the orchestrator itself holds
 * read on it ({@code forWorkers}); the secret stays denied either way.
 */
class NestedConfinementProcessTest {
    @Test
    void orchestratorWithTheRootToHandOn_startsAWorkerThatReadsIt() throws Exception {
        SandboxAssumptions.landlockAbi();
        try (ProbeFixture f = ProbeFixture.create()) {
            RoleProbe p =
                    spawnFromOrchestrator(f, List.of(new PathRule(f.sessionRoot(), FsAccess.READ)));
            assertAllowed(p, ProbeRecord.PHASE_LANDLOCK, "spawn-worker");
            assertAllowed(p, ProbeRecord.PHASE_SECCOMP, "spawn-worker");
        }
    }

    @Test
    void orchestratorWithoutTheRoot_itsWorkerCannotReadIt() throws Exception {
        SandboxAssumptions.landlockAbi();
        try (ProbeFixture f = ProbeFixture.create()) {
            RoleProbe p = spawnFromOrchestrator(f, List.of());
            assertDenied(p, ProbeRecord.PHASE_LANDLOCK, "spawn-worker", "EACCES");
        }
    }

    private static RoleProbe spawnFromOrchestrator(ProbeFixture f, List<PathRule> forWorkers)
            throws Exception {
        Envelope orchestrator = new Envelope.Orchestrator(f.katoHome(), f.configFile(), forWorkers);
        String spec = f.sessionRoot() + "|" + f.sessionFile() + "|" + f.secret();
        ProcessBuilder pb =
                ConfinedLauncher.confined(
                        orchestrator,
                        WorkerRuntime.current(Optional.empty()),
                        WorkerMain.PROBE,
                        List.of("spawn-worker=" + spec),
                        Map.of());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        List<ProbeRecord> records = RoleProbe.read(process.getInputStream());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new RoleProbe(Role.ORCHESTRATOR, records, process.exitValue(), -1, "");
    }
}

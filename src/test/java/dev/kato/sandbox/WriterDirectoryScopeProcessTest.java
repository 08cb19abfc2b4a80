package dev.kato.sandbox;

import static dev.kato.sandbox.ConfinedWorkerProcessTest.assertAllowed;
import static dev.kato.sandbox.ConfinedWorkerProcessTest.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A writer that must create or atomically replace its destination gets its directory, but only to
 * create, write and remove files: it still cannot read a sibling note, list the directory or reach
 * anything outside.
 */
class WriterDirectoryScopeProcessTest {
    @Test
    void directoryScope_createsNewFiles_butCannotReadSiblings() throws Exception {
        SandboxAssumptions.landlockAbi();
        try (ProbeFixture f = ProbeFixture.create()) {
            Envelope envelope =
                    new Envelope.WriterWorker(f.destination(), Envelope.WriteScope.DIRECTORY);
            List<String> args =
                    List.of(
                            "write-allowed=" + f.destination().resolveSibling(".out.md.tmp"),
                            "read-allowed=" + f.destination(),
                            "read-forbidden=" + f.destinationSibling(),
                            "write-forbidden=" + f.outsideWrite(),
                            "env=PATH");
            ProcessBuilder pb =
                    ConfinedLauncher.confined(
                            envelope,
                            WorkerRuntime.current(Optional.empty()),
                            WorkerMain.PROBE,
                            args,
                            Map.of("PATH", "/usr/bin"));
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process process = pb.start();
            List<ProbeRecord> records = RoleProbe.read(process.getInputStream());
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            RoleProbe p = new RoleProbe(Role.WRITER_WORKER, records, process.exitValue(), 0, "");
            String ll = ProbeRecord.PHASE_LANDLOCK;
            assertAllowed(p, ll, "write-allowed");
            assertAllowed(p, ll, "read-allowed");
            assertDenied(p, ll, "read-forbidden", "EACCES");
            assertDenied(p, ll, "write-forbidden", "EACCES");
            assertDenied(p, ll, "env", "");
            assertThat(Files.exists(f.destination().resolveSibling(".out.md.tmp"))).isTrue();
            assertThat(Files.exists(f.outsideWrite())).isFalse();
        }
    }
}

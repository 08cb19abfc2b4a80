package dev.kato.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.sandbox.ProbeRecord.Attempt;
import dev.kato.sandbox.ProbeRecord.Outcome;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code security.md} §8 item 5: for each role a real confined worker JVM attempts every forbidden
 * operation and the kernel denies it, while an allowed operation inside its envelope still works.
 * Landlock is judged from the attempts before the worker installs seccomp, seccomp from those
 * after.
 */
class ConfinedWorkerProcessTest {
    private static final String LL = ProbeRecord.PHASE_LANDLOCK;
    private static final String SC = ProbeRecord.PHASE_SECCOMP;
    private static final String CANARY = "KATO_TEST_CANARY";

    private ProbeFixture fixture;
    private int abi;

    @BeforeEach
    void setUp() throws Exception {
        abi = SandboxAssumptions.landlockAbi();
        fixture = ProbeFixture.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private RoleProbe probe(Role role) throws Exception {
        Map<String, String> parent = new HashMap<>(System.getenv());
        parent.put(CANARY, "secret value");
        RoleProbe p =
                RoleProbe.run(
                        role, fixture, WorkerRuntime.current(Optional.empty()), parent, CANARY);
        assertThat(p.fact("done")).as("the probe worker ran to its end").contains("1");
        assertThat(p.exitCode()).isZero();
        return p;
    }

    @Test
    void providerWorker_readsItsRootOnly_writesNothing_execsNothing_noNetwork() throws Exception {
        RoleProbe p = probe(Role.PROVIDER_WORKER);
        assertAllowed(p, LL, "read-allowed");
        assertAllowed(p, SC, "read-allowed");
        assertDenied(p, LL, "read-forbidden", "EACCES");
        assertDenied(p, LL, "write-forbidden", "EACCES"); // inside its own read root
        assertDenied(p, LL, "exec-forbidden", "EACCES");
        assertWorkerSeccomp(p);
        assertCommonLayers(p);
        assertThat(Files.exists(fixture.sessionRoot().resolve("new.txt"))).isFalse();
    }

    @Test
    void writerWorker_writesItsDestinationOnly() throws Exception {
        String siblingBefore = Files.readString(fixture.destinationSibling());
        RoleProbe p = probe(Role.WRITER_WORKER);
        assertAllowed(p, LL, "read-allowed");
        assertAllowed(p, LL, "write-allowed");
        assertAllowed(p, SC, "write-allowed");
        assertDenied(p, LL, "write-forbidden", "EACCES"); // a sibling in the same directory
        assertDenied(p, LL, "read-forbidden", "EACCES");
        assertDenied(p, LL, "exec-forbidden", "EACCES");
        assertWorkerSeccomp(p);
        assertCommonLayers(p);
        assertThat(Files.readString(fixture.destination())).isEqualTo("kato sandbox probe\n");
        assertThat(Files.readString(fixture.destinationSibling())).isEqualTo(siblingBefore);
    }

    @Test
    void export_readsItsInputOnly_writesInItsDestinationDirectoryOnly() throws Exception {
        RoleProbe p = probe(Role.EXPORT);
        assertAllowed(p, LL, "read-allowed"); // the session's log file
        assertAllowed(p, LL, "write-allowed"); // a new file in the destination's directory
        assertAllowed(p, SC, "write-allowed");
        assertDenied(p, LL, "write-forbidden", "EACCES"); // beside its own input
        assertDenied(p, LL, "read-forbidden", "EACCES");
        assertDenied(p, LL, "exec-forbidden", "EACCES");
        assertWorkerSeccomp(p);
        assertCommonLayers(p);
        assertThat(Files.exists(fixture.sessionRoot().resolve("new.txt"))).isFalse();
        assertThat(Files.readString(fixture.destination().resolveSibling("export.md")))
                .isEqualTo("kato sandbox probe\n");
    }

    @Test
    void orchestrator_ownsItsHome_execsOnlyJava_unixSocketsOnly() throws Exception {
        RoleProbe p = probe(Role.ORCHESTRATOR);
        assertAllowed(p, LL, "read-allowed");
        assertAllowed(p, LL, "write-allowed");
        assertAllowed(p, LL, "exec-allowed"); // the java launcher: how workers are spawned
        assertAllowed(p, SC, "exec-allowed");
        assertDenied(p, LL, "read-forbidden", "EACCES");
        assertDenied(p, LL, "write-forbidden", "EACCES");
        assertDenied(p, LL, "exec-forbidden", "EACCES");
        assertDenied(p, SC, "exec-forbidden", "EACCES");
        assertDenied(p, SC, "tcp", "EPERM");
        assertDenied(p, SC, "chmod", "EPERM");
        // Documented gap: pathname unix sockets are not covered by Landlock ABI <= 7 and the
        // orchestrator needs AF_UNIX for its control socket, so seccomp cannot deny it either.
        assertAllowed(p, SC, "unix");
        assertCommonLayers(p);
        assertThat(Files.exists(fixture.outsideWrite())).isFalse();
    }

    private void assertWorkerSeccomp(RoleProbe p) {
        // Landlock ABI <= 7 covers neither of these: they succeed before seccomp, fail after
        assertAllowed(p, LL, "unix");
        assertAllowed(p, LL, "chmod");
        assertDenied(p, SC, "unix", "EPERM");
        assertDenied(p, SC, "chmod", "EPERM");
        assertDenied(p, SC, "tcp", "EPERM");
        assertDenied(p, SC, "exec-forbidden", "EPERM");
        assertDenied(p, SC, "read-forbidden", "EACCES");
    }

    private void assertCommonLayers(RoleProbe p) {
        if (abi >= 4) {
            assertDenied(p, LL, "tcp", "EACCES");
        } else {
            System.out.println(
                    "not checked: Landlock TCP rules need ABI 4, this kernel has " + abi);
        }
        assertDenied(p, LL, "env", "");
        assertThat(p.census(LL).orElseThrow().threads()).isGreaterThan(4);
        assertThat(p.census(LL).orElseThrow().noNewPrivs())
                .as("no_new_privs on every thread before the worker did anything")
                .isEqualTo(p.census(LL).orElseThrow().threads());
        assertThat(p.census(SC).orElseThrow().seccompFiltered())
                .as("the seccomp filter on every thread")
                .isEqualTo(p.census(SC).orElseThrow().threads());
        Map<Layer, LayerState> verdicts = LayerVerdicts.derive(p);
        for (Layer layer : Layer.values()) {
            if (layer == Layer.LANDLOCK_NET && abi < 4) {
                continue;
            }
            assertThat(verdicts.get(layer))
                    .as(layer.label())
                    .isInstanceOf(LayerState.Enforced.class);
        }
    }

    static void assertAllowed(RoleProbe p, String phase, String probe) {
        Attempt a =
                p.attempt(phase, probe).orElseThrow(() -> new AssertionError(probe + " not run"));
        assertThat(a.outcome())
                .as(phase + " " + probe + ": " + a.reason())
                .isEqualTo(Outcome.ALLOWED);
    }

    static void assertDenied(RoleProbe p, String phase, String probe, String errno) {
        Attempt a =
                p.attempt(phase, probe).orElseThrow(() -> new AssertionError(probe + " not run"));
        assertThat(a.outcome())
                .as(phase + " " + probe + ": " + a.reason())
                .isEqualTo(Outcome.DENIED);
        if (!errno.isEmpty()) {
            assertThat(a.reason()).as(phase + " " + probe).isEqualTo(errno);
        }
    }
}

package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.config.SandboxMode;
import org.junit.jupiter.api.Test;

/**
 * The start-up decision for kernels without Landlock. Every machine here has Landlock, so the
 * missing case is given as a parameter (a stand-in for a kernel this machine is not); the process
 * tests cover the machine's own answer.
 */
class DaemonWritersTest {
    @Test
    void requiredMode_refusesToStartWithoutLandlock_theOthersStart() {
        assertThat(DaemonWriters.refusal(SandboxMode.REQUIRED, false))
                .hasValueSatisfying(m ->
                        assertThat(m)
                                .contains("sandbox.mode is required")
                                .contains("no Landlock")
                                .doesNotContain("\n"));
        assertThat(DaemonWriters.refusal(SandboxMode.REQUIRED, true)).isEmpty();
        assertThat(DaemonWriters.refusal(SandboxMode.BEST_EFFORT, false)).isEmpty();
        assertThat(DaemonWriters.refusal(SandboxMode.OFF, false)).isEmpty();
    }
}

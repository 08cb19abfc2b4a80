package dev.kato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.config.SandboxMode;
import org.junit.jupiter.api.Test;

/**
 * Where the export runs per {@code sandbox.mode}, for a kernel that can and one that cannot confine
 * (the process tests in {@code ExportConfinementTest} cover this machine's kernel).
 */
class ExportSandboxTest {
    @Test
    void required_refusesWithoutLandlock_confinesWithIt() {
        assertThat(ExportSandbox.plan(SandboxMode.REQUIRED, true))
                .isEqualTo(new ExportSandbox.Confined());
        var refused = ExportSandbox.plan(SandboxMode.REQUIRED, false);
        assertThat(refused).isInstanceOf(ExportSandbox.Refused.class);
        assertThat(((ExportSandbox.Refused) refused).message())
                .startsWith("export refused:")
                .contains("sandbox.mode is required")
                .doesNotContain("\n");
    }

    @Test
    void bestEffort_confinesWhenItCan_elseWarnsAndRunsInProcess() {
        assertThat(ExportSandbox.plan(SandboxMode.BEST_EFFORT, true))
                .isEqualTo(new ExportSandbox.Confined());
        var inProcess = ExportSandbox.plan(SandboxMode.BEST_EFFORT, false);
        assertThat(inProcess).isInstanceOf(ExportSandbox.InProcess.class);
        assertThat(((ExportSandbox.InProcess) inProcess).warning()).startsWith("warning: ");
    }

    @Test
    void off_runsInProcess_withoutAWarning() {
        assertThat(ExportSandbox.plan(SandboxMode.OFF, true))
                .isEqualTo(new ExportSandbox.InProcess(""));
        assertThat(ExportSandbox.plan(SandboxMode.OFF, false))
                .isEqualTo(new ExportSandbox.InProcess(""));
    }
}

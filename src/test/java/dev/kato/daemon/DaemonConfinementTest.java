package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.config.SandboxMode;
import dev.kato.sandbox.Layer;
import dev.kato.sandbox.LayerState;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the daemon's own probe verdicts let it run, and how the status names them. */
class DaemonConfinementTest {
    private static Map<Layer, LayerState> allEnforced() {
        Map<Layer, LayerState> m = new EnumMap<>(Layer.class);
        for (Layer l : Layer.values()) {
            m.put(l, new LayerState.Enforced());
        }
        return m;
    }

    @Test
    void everyLayerEnforced_runsUnderRequired_andSaysDenied() {
        DaemonConfinement.Probed p = new DaemonConfinement.Probed(allEnforced());
        assertThat(p.refusal(SandboxMode.REQUIRED)).isEmpty();
        assertThat(p.landlock()).isEqualTo("enforced");
        assertThat(p.seccomp()).isEqualTo("enforced");
        assertThat(p.probes()).isEqualTo("denied");
    }

    @Test
    void aMissingLayer_isRefusedUnderRequired_butRunsUnderBestEffort() {
        Map<Layer, LayerState> m = allEnforced();
        m.put(Layer.LANDLOCK_FS, new LayerState.Missing("read-forbidden was allowed"));
        DaemonConfinement.Probed p = new DaemonConfinement.Probed(m);
        assertThat(p.refusal(SandboxMode.REQUIRED))
                .hasValue(
                        "sandbox.mode is required but the daemon's own landlock fs confinement is"
                                + " missing (read-forbidden was allowed); refusing to start");
        assertThat(p.refusal(SandboxMode.BEST_EFFORT)).isEmpty();
        assertThat(p.probes()).isEqualTo("not denied: landlock-fs");
    }

    @Test
    void noLandlockTcpRules_areToleratedOnlyWhileSeccompIsEnforced() {
        Map<Layer, LayerState> m = allEnforced();
        m.put(Layer.LANDLOCK_NET, new LayerState.NotSupported("TCP rules need Landlock ABI 4"));
        assertThat(new DaemonConfinement.Probed(m).refusal(SandboxMode.REQUIRED)).isEmpty();
        m.put(Layer.SECCOMP, new LayerState.Missing("seccomp: EINVAL"));
        assertThat(new DaemonConfinement.Probed(m).refusal(SandboxMode.REQUIRED))
                .hasValueSatisfying(r -> assertThat(r).contains("landlock net"));
    }

    @Test
    void noLandlockAtAll_isRefusedUnderRequired() {
        Map<Layer, LayerState> m = allEnforced();
        m.put(Layer.LANDLOCK_FS, new LayerState.NotSupported("Landlock is not available"));
        assertThat(new DaemonConfinement.Probed(m).refusal(SandboxMode.REQUIRED)).isPresent();
    }

    @Test
    void notApplied_isWhatModeOffShows() {
        DaemonConfinement off = new DaemonConfinement.NotApplied();
        assertThat(off.landlock()).isEqualTo("not-applied");
        assertThat(off.seccomp()).isEqualTo("not-applied");
        assertThat(off.probes()).isEqualTo("not-run");
    }
}

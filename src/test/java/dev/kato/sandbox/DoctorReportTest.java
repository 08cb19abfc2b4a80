package dev.kato.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.config.SandboxMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoctorReportTest {
    private static DoctorReport report(SandboxMode mode) {
        Map<Role, Map<Layer, LayerState>> matrix = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            Map<Layer, LayerState> layers = new EnumMap<>(Layer.class);
            for (Layer l : Layer.values()) {
                layers.put(l, new LayerState.Enforced());
            }
            matrix.put(role, layers);
        }
        matrix.get(Role.WRITER_WORKER)
                .put(Layer.LANDLOCK_NET, new LayerState.NotSupported("needs ABI 4"));
        return new DoctorReport(mode, matrix, List.of());
    }

    @Test
    void required_listsEveryLayerNotEnforced_oneLineEach() {
        assertThat(report(SandboxMode.REQUIRED).missing())
                .containsExactly("writer-worker: landlock net not-supported — needs ABI 4");
    }

    @Test
    void bestEffortAndOff_requireNothing_butStillShowWhatIsNotEnforced() {
        for (SandboxMode mode : List.of(SandboxMode.BEST_EFFORT, SandboxMode.OFF)) {
            assertThat(report(mode).missing()).isEmpty();
            assertThat(report(mode).notEnforced()).hasSize(1);
        }
    }
}

package dev.kato.sandbox;

import static java.util.Objects.requireNonNull;

import dev.kato.config.SandboxMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The result of {@code kato doctor}: the role × layer matrix derived from live probes, plus
 * capability rows that are not per-role layers (the Landlock ABI, the kernel, and room for more,
 * e.g. how destinations are opened race-free).
 *
 * @param mode the configured {@code sandbox.mode}
 * @param matrix each probed role's layer states, in role order
 * @param capabilities further rows, in display order
 */
public record DoctorReport(
        SandboxMode mode, Map<Role, Map<Layer, LayerState>> matrix, List<Capability> capabilities) {
    public DoctorReport {
        requireNonNull(mode, "mode");
        matrix = Map.copyOf(matrix);
        capabilities = List.copyOf(capabilities);
    }

    /** A named fact about this machine's confinement, shown as one row. */
    public record Capability(String id, String label, String value) {}

    /** The probed roles in display order. */
    public List<Role> roles() {
        return java.util.Arrays.stream(Role.values()).filter(matrix::containsKey).toList();
    }

    /** One line per layer that {@link #mode} requires and a probe did not show enforced. */
    public List<String> missing() {
        return mode == SandboxMode.REQUIRED ? notEnforced() : List.of();
    }

    /** Layers not enforced anywhere, for a warning under {@code best-effort} or {@code off}. */
    public List<String> notEnforced() {
        List<String> lines = new ArrayList<>();
        for (Role role : roles()) {
            matrix.get(role)
                    .forEach((layer, state) -> {
                        if (!(state instanceof LayerState.Enforced)) {
                            lines.add(
                                    role.id()
                                            + ": "
                                            + layer.label()
                                            + " "
                                            + state.id()
                                            + " — "
                                            + state.reason());
                        }
                    });
        }
        return lines;
    }
}

package dev.kato.daemon;

import dev.kato.config.SandboxMode;
import dev.kato.sandbox.Layer;
import dev.kato.sandbox.LayerState;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the daemon process knows of its own confinement: none applied, or what its probes showed.
 */
sealed interface DaemonConfinement {
    /** The layers as {@code kato status} shows them: Landlock (filesystem), seccomp, the probes. */
    String landlock();

    String seccomp();

    String probes();

    /** {@code sandbox.mode: off}: started without the trampoline, no filter, no probes. */
    record NotApplied() implements DaemonConfinement {
        @Override
        public String landlock() {
            return "not-applied";
        }

        @Override
        public String seccomp() {
            return "not-applied";
        }

        @Override
        public String probes() {
            return "not-run";
        }
    }

    /** The daemon ran its live probes at start; each layer as {@code LayerVerdicts} judged it. */
    record Probed(Map<Layer, LayerState> layers) implements DaemonConfinement {
        public Probed {
            layers = Map.copyOf(new EnumMap<>(layers));
        }

        @Override
        public String landlock() {
            return layers.get(Layer.LANDLOCK_FS).id();
        }

        @Override
        public String seccomp() {
            return layers.get(Layer.SECCOMP).id();
        }

        /** {@code denied}, or the layers whose probes were not all denied. */
        @Override
        public String probes() {
            List<String> weak =
                    layers.entrySet().stream()
                            .filter(e -> !(e.getValue() instanceof LayerState.Enforced))
                            .map(e -> e.getKey().id())
                            .sorted()
                            .toList();
            return weak.isEmpty() ? "denied" : "not denied: " + String.join(",", weak);
        }

        /**
         * Why the daemon must not run under {@code mode}, if it must not: under {@code required}
         * every layer must be enforced, except Landlock's TCP rules on a kernel without them
         * (seccomp then refuses every socket but a unix one).
         */
        Optional<String> refusal(SandboxMode mode) {
            if (mode != SandboxMode.REQUIRED) {
                return Optional.empty();
            }
            for (Layer layer : Layer.values()) {
                LayerState state = layers.get(layer);
                boolean tolerated =
                        layer == Layer.LANDLOCK_NET
                                && state instanceof LayerState.NotSupported
                                && layers.get(Layer.SECCOMP) instanceof LayerState.Enforced;
                if (!(state instanceof LayerState.Enforced) && !tolerated) {
                    return Optional.of(
                            "sandbox.mode is required but the daemon's own "
                                    + layer.label()
                                    + " confinement is "
                                    + state.id()
                                    + " ("
                                    + state.reason()
                                    + "); refusing to start");
                }
            }
            return Optional.empty();
        }
    }
}

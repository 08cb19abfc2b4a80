package dev.kato.sandbox;

/**
 * What the live probes showed for one layer of one role. A closed set: a layer is never reported
 * enforced unless a probe the kernel denied (and an allowed control that still worked) shows it.
 */
public sealed interface LayerState {
    String id();

    /** A one-line reason, empty for {@link Enforced}. */
    String reason();

    /** Every probe of the layer was denied by the kernel and the allowed controls worked. */
    record Enforced() implements LayerState {
        @Override
        public String id() {
            return "enforced";
        }

        @Override
        public String reason() {
            return "";
        }
    }

    /** The kernel has the feature but a probe was not denied (or could not be run). */
    record Missing(String reason) implements LayerState {
        @Override
        public String id() {
            return "missing";
        }
    }

    /** The running kernel (or architecture) lacks the feature. */
    record NotSupported(String reason) implements LayerState {
        @Override
        public String id() {
            return "not-supported";
        }
    }
}

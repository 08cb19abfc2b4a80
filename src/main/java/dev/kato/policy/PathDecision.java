package dev.kato.policy;

import static java.util.Objects.requireNonNull;

/** The write policy's verdict on one requested destination. */
public sealed interface PathDecision permits PathDecision.Allowed, PathDecision.Denied {

    /** The destination may be written; the capability is inside. */
    record Allowed(ApprovedPath path) implements PathDecision {
        public Allowed {
            requireNonNull(path, "path");
        }
    }

    /**
     * The destination may not be written.
     *
     * @param message one line for the user: what is wrong and what to do
     */
    record Denied(DenialReason reason, String message) implements PathDecision {
        public Denied {
            requireNonNull(reason, "reason");
            requireNonNull(message, "message");
        }
    }
}

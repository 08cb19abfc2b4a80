package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.audit.AuditEvent;
import dev.kato.audit.AuditLog;
import dev.kato.policy.PathDecision;
import dev.kato.policy.PathPolicy;
import dev.kato.recording.Destinations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * Recording destinations decided by the configured write policy, each decision audited with the
 * policy version and the correlation id of the message being processed (so command → decision
 * records tie together). A decision that cannot be audited is not acted on: the failure propagates
 * and nothing is written.
 */
final class PolicyDestinations implements Destinations {
    private final PathPolicy policy;
    private final Supplier<String> defaults;
    private final AuditLog audit;
    private final String policyVersion;
    private CorrelationId correlation = new CorrelationId();

    PolicyDestinations(
            PathPolicy policy, Supplier<String> defaults, AuditLog audit, String policyVersion) {
        this.policy = requireNonNull(policy, "policy");
        this.defaults = requireNonNull(defaults, "defaults");
        this.audit = requireNonNull(audit, "audit");
        this.policyVersion = requireNonNull(policyVersion, "policyVersion");
    }

    /** The correlation id of the message whose commands are decided next. */
    void correlate(CorrelationId correlationId) {
        this.correlation = requireNonNull(correlationId, "correlationId");
    }

    @Override
    public PathDecision decide(String absolutePath) {
        PathDecision decision = policy.decide(absolutePath);
        try {
            audit.record(
                    new AuditEvent.PathDecided(
                            correlation.value(),
                            absolutePath,
                            decision instanceof PathDecision.Allowed,
                            decision instanceof PathDecision.Denied d ? d.reason().name() : "",
                            policyVersion));
        } catch (IOException e) {
            throw new UncheckedIOException("the audit log cannot be written", e);
        }
        return decision;
    }

    @Override
    public String newDefault() {
        return defaults.get();
    }
}

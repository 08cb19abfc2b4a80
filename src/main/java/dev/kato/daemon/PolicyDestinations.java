package dev.kato.daemon;

import dev.kato.policy.PathDecision;
import dev.kato.policy.PathPolicy;
import dev.kato.recording.Destinations;
import java.util.function.Supplier;

/** Recording destinations decided by the configured write policy. */
record PolicyDestinations(PathPolicy policy, Supplier<String> defaults) implements Destinations {
    @Override
    public PathDecision decide(String absolutePath) {
        return policy.decide(absolutePath);
    }

    @Override
    public String newDefault() {
        return defaults.get();
    }
}

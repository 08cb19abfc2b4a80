package dev.kato.cli;

import dev.kato.config.Environment;
import dev.kato.config.KatoConfig;
import dev.kato.policy.PathPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the write policy from the configuration and the environment. */
final class WritePolicies {
    private WritePolicies() {}

    static PathPolicy of(KatoConfig config, Environment env, long userId) {
        List<Path> providerRoots = new ArrayList<>();
        Sessions.roots(config).values().forEach(providerRoots::addAll);
        return new PathPolicy(
                config.allowedWriteRoots(),
                env.katoHome(),
                List.of(env.recordingsDir(), env.exportsDir()),
                providerRoots,
                config.writer().allowedExtensions(),
                userId);
    }
}

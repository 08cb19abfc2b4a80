package dev.kato.cli;

import dev.kato.config.ConfigLoader;
import dev.kato.config.ConfigProblem;
import dev.kato.config.ConfigResult;
import dev.kato.config.Environment;
import dev.kato.config.InvalidEnvironmentException;
import dev.kato.config.KatoConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What every command may use: the environment snapshot (taken once), the clock and the effective
 * configuration. Built in {@link Main}; tests build one with their own environment and clock.
 */
public final class CliContext {
    private final EnvironmentSource source;
    private final Clock clock;
    private @Nullable Environment environment;

    private CliContext(EnvironmentSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    public static CliContext fromProcess(Clock clock) {
        return new CliContext(Environment::capture, clock);
    }

    public static CliContext of(Map<String, String> env, Path home, Clock clock) {
        return new CliContext(() -> Environment.of(env, home), clock);
    }

    Clock clock() {
        return clock;
    }

    /** The uid this process runs as: existing destinations must be owned by it. */
    long userId() {
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }

    /** The directory relative CLI paths are resolved against. */
    Path workingDirectory() {
        return Path.of("").toAbsolutePath();
    }

    /**
     * The environment; a bad one (e.g. a relative KATO_HOME) is a user error naming the variable.
     */
    Environment environment() {
        if (environment == null) {
            Environment captured;
            try {
                captured = source.capture();
            } catch (InvalidEnvironmentException e) {
                throw new UserError(render(e.problems()));
            }
            try {
                var insecure = captured.insecureDirectory(userId());
                if (insecure.isPresent()) {
                    throw new UserError("refusing to run: " + insecure.get());
                }
            } catch (java.io.IOException e) {
                throw new UserError(
                        "cannot check the permissions of " + captured.katoHome() + ": " + e);
            }
            environment = captured;
        }
        return environment;
    }

    /** The configuration at the configured path; defaults when there is none yet. */
    KatoConfig config() {
        return effectiveConfig().config();
    }

    /** The audit log of this KATO_HOME. */
    dev.kato.audit.AuditLog auditLog() {
        return new dev.kato.audit.HashChainedAuditLog(environment().securityAuditLogPath(), clock);
    }

    /**
     * The configuration and its policy version: the SHA-256 of the config file, or {@code defaults}
     * when there is no file.
     */
    EffectiveConfig effectiveConfig() {
        Environment env = environment();
        ConfigResult result;
        try {
            result = ConfigLoader.load(env.configPath(), env);
        } catch (java.io.IOException e) {
            throw new UserError(
                    "cannot read the config "
                            + env.configPath()
                            + " ("
                            + e.getClass().getSimpleName()
                            + ")");
        }
        return switch (result) {
            case ConfigResult.Loaded loaded ->
                    new EffectiveConfig(loaded.config(), loaded.sha256());
            case ConfigResult.Missing _ ->
                    new EffectiveConfig(KatoConfig.defaults(env), "defaults");
            case ConfigResult.Invalid invalid ->
                    throw new UserError(
                            "invalid config "
                                    + env.configPath()
                                    + " (fix it or check with 'kato config validate'):\n"
                                    + render(invalid.problems()));
        };
    }

    static String render(java.util.List<ConfigProblem> problems) {
        StringBuilder sb = new StringBuilder();
        for (ConfigProblem p : problems) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append("  ").append(p.render());
        }
        return sb.toString();
    }

    /** A configuration with the version the audit log records for it. */
    record EffectiveConfig(KatoConfig config, String policyVersion) {}

    @FunctionalInterface
    private interface EnvironmentSource {
        Environment capture() throws InvalidEnvironmentException;
    }
}

package dev.kato.config;

import static java.util.Objects.requireNonNull;

/**
 * Log thresholds ({@code logging.*}).
 *
 * @param operationalLevel threshold of {@code logs/operational.jsonl} (default info)
 * @param auditLevel threshold of {@code logs/security-audit.jsonl} (default info)
 */
public record LoggingConfig(LogLevel operationalLevel, LogLevel auditLevel) {
    public static final LoggingConfig DEFAULTS = new LoggingConfig(LogLevel.INFO, LogLevel.INFO);

    public LoggingConfig {
        requireNonNull(operationalLevel, "operationalLevel");
        requireNonNull(auditLevel, "auditLevel");
    }
}

package dev.kato.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * In-chat command settings ({@code commands.*}).
 *
 * @param maxAge after downtime, a command written meanwhile runs only if its provider timestamp is
 *     at most this old when read (default 10 minutes, 0 to 24 hours, whole seconds)
 */
public record CommandsConfig(Duration maxAge) {
    public static final Duration MAX_MAX_AGE = Duration.ofHours(24);
    public static final CommandsConfig DEFAULTS = new CommandsConfig(Duration.ofMinutes(10));

    public CommandsConfig {
        requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.compareTo(MAX_MAX_AGE) > 0 || maxAge.getNano() != 0) {
            throw new IllegalArgumentException("maxAge must be whole seconds in 0s..24h");
        }
    }
}

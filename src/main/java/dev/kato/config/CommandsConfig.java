package dev.kato.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * In-chat command settings ({@code commands.*}).
 *
 * @param maxAge after downtime, a command written meanwhile runs only if its provider timestamp is
 *     at most this old when read (default 10 minutes, 0 to 24 hours, whole seconds)
 * @param confirmWithPromptHistory whether a command message must also be found in the provider's
 *     prompt-history file before it runs (default off; security.md §4)
 */
public record CommandsConfig(Duration maxAge, boolean confirmWithPromptHistory) {
    public static final Duration MAX_MAX_AGE = Duration.ofHours(24);
    public static final CommandsConfig DEFAULTS = new CommandsConfig(Duration.ofMinutes(10), false);

    public CommandsConfig {
        requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.compareTo(MAX_MAX_AGE) > 0 || maxAge.getNano() != 0) {
            throw new IllegalArgumentException("maxAge must be whole seconds in 0s..24h");
        }
    }

    /** With the prompt-history cross-check off. */
    public CommandsConfig(Duration maxAge) {
        this(maxAge, false);
    }
}

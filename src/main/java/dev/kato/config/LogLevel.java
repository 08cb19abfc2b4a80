package dev.kato.config;

import java.util.Locale;
import java.util.Optional;

/** Threshold of a log sink: {@code debug}, {@code info}, {@code warn} or {@code error}. */
public enum LogLevel {
    DEBUG,
    INFO,
    WARN,
    ERROR;

    /** The spelling used in the config file. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exact, lower-case match on {@link #configValue()}. */
    public static Optional<LogLevel> tryParse(String value) {
        for (LogLevel level : values()) {
            if (level.configValue().equals(value)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}

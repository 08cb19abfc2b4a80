package dev.kato.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in the config file: a whole number and one unit, {@code s}, {@code m} or {@code h}
 * ({@code 90s}, {@code 10m}, {@code 2h}). No compound forms, no ISO-8601 ({@code PT10M}), no bare
 * numbers: one spelling, so every file reads the same.
 */
final class ConfigDurations {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,6})([smh])");

    private ConfigDurations() {}

    /** Empty unless {@code text} is exactly {@code <digits><unit>}. */
    static Optional<Duration> tryParse(String text) {
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(
                switch (matcher.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                });
    }

    /** The shortest exact spelling: {@code 2h}, {@code 10m}, {@code 90s}, {@code 0s}. */
    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}

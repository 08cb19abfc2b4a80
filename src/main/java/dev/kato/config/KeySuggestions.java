package dev.kato.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * "Did you mean" for unknown keys and enum values: the closest candidate by case-insensitive
 * Levenshtein distance, if it is close enough; and, for keys, the same key in another section.
 */
final class KeySuggestions {
    private static final int MAX_COMPARED_CHARS = 100;

    private KeySuggestions() {}

    /** The message for an unknown key {@code key} found in section {@code section}. */
    static String unknownKeyMessage(String key, String section) {
        List<String> local = ConfigKeys.SECTIONS.getOrDefault(section, List.of());
        Optional<String> near = closest(key, local);
        if (near.isPresent()) {
            return "unknown key; did you mean `" + near.get() + "`?";
        }
        Optional<String> elsewhere = elsewhere(key, section);
        if (elsewhere.isPresent()) {
            return "unknown key here; did you mean `" + elsewhere.get() + "`?";
        }
        return "unknown key; allowed here: " + String.join(", ", local);
    }

    /** The same key (ignoring case) in another section, as a full path. */
    private static Optional<String> elsewhere(String key, String section) {
        for (Map.Entry<String, List<String>> entry : ConfigKeys.SECTIONS.entrySet()) {
            if (entry.getKey().equals(section)) {
                continue;
            }
            for (String candidate : entry.getValue()) {
                if (candidate.equalsIgnoreCase(key)) {
                    return Optional.of(KeyPaths.child(entry.getKey(), candidate));
                }
            }
        }
        return Optional.empty();
    }

    /** The candidate nearest to {@code input}, if within the distance allowed for its length. */
    static Optional<String> closest(String input, Collection<String> candidates) {
        if (input.length() > MAX_COMPARED_CHARS) {
            return Optional.empty();
        }
        String needle = input.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, needle.length() / 4);
        @Nullable String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(needle, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

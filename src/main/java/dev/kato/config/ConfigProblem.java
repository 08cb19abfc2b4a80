package dev.kato.config;

import static java.util.Objects.requireNonNull;

/**
 * One problem found in a configuration file or in the environment.
 *
 * <p>Messages name the key, the line and what was expected; they never repeat the offending value,
 * which might be a secret pasted into the wrong place.
 *
 * @param keyPath where the problem is, e.g. {@code featureFlags.writerIncludeThinking} or {@code
 *     allowedWriteRoots[1]}; empty for the file as a whole; an environment variable's name for
 *     environment problems
 * @param line 1-based line in the file, or 0 when the problem has no single line (file size,
 *     environment variables, command-line arguments)
 * @param message what is wrong and what to do about it
 */
public record ConfigProblem(String keyPath, int line, String message) {
    public ConfigProblem {
        requireNonNull(keyPath, "keyPath");
        requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
    }

    /** One human-readable line: {@code line 12: featureFlags.x: expected a boolean …}. */
    public String render() {
        StringBuilder out = new StringBuilder();
        if (line > 0) {
            out.append("line ").append(line).append(": ");
        }
        if (!keyPath.isEmpty()) {
            out.append(keyPath).append(": ");
        }
        return out.append(message).toString();
    }
}

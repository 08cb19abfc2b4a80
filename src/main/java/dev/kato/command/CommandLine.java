package dev.kato.command;

import static java.util.Objects.requireNonNull;

/**
 * A command found on line {@code lineIndex} (0-based; lines are split on {@code \n}, a trailing
 * {@code \r} belongs to the terminator). Holds no message text.
 */
public record CommandLine(int lineIndex, ControlCommand command) {
    public CommandLine {
        if (lineIndex < 0) {
            throw new IllegalArgumentException("lineIndex must be >= 0: " + lineIndex);
        }
        requireNonNull(command, "command");
    }
}

package dev.kato.command;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Why the {@code ::} line at {@code lineIndex} (0-based) does not parse. Content-free: {@code
 * shownName} is either a known command name, or an unknown name that consists only of {@code
 * [A-Za-z0-9_-]} characters, cut to {@value #MAX_SHOWN_NAME} characters; any other unknown name is
 * not shown at all. No other message text is ever kept.
 */
public record CommandProblem(int lineIndex, Reason reason, Optional<String> shownName) {
    /** The longest unknown name that is echoed back. */
    public static final int MAX_SHOWN_NAME = 32;

    private static final Pattern SHOWABLE =
            Pattern.compile("[A-Za-z0-9_-]{1," + MAX_SHOWN_NAME + "}");

    /** Parse errors of a {@code ::} line ({@code product.md} §5). */
    public enum Reason {
        /** {@code ::} followed by nothing or by a space or tab. */
        MISSING_NAME,
        /**
         * A name that is not one of the commands, or has characters other than {@code
         * [A-Za-z0-9_-]}.
         */
        UNKNOWN_NAME,
        /** An argument after {@code ::record} or {@code ::stop}. */
        ARGUMENT_NOT_ALLOWED,
        /** {@code ::export} without a path. */
        MISSING_ARGUMENT
    }

    public CommandProblem {
        if (lineIndex < 0) {
            throw new IllegalArgumentException("lineIndex must be >= 0: " + lineIndex);
        }
        requireNonNull(reason, "reason");
        requireNonNull(shownName, "shownName");
        if (shownName.isPresent() && !SHOWABLE.matcher(shownName.get()).matches()) {
            throw new IllegalArgumentException("shownName must match " + SHOWABLE.pattern());
        }
        if (reason == Reason.MISSING_NAME && shownName.isPresent()) {
            throw new IllegalArgumentException("a missing name cannot be shown");
        }
    }

    /** A one-line, content-free explanation with a 1-based line number. */
    public String message() {
        String line = "line " + (lineIndex + 1) + ": ";
        String name = shownName.map(n -> "::" + n).orElse("");
        return line
                + switch (reason) {
                    case MISSING_NAME -> "'::' is not followed by a command name";
                    case UNKNOWN_NAME ->
                            shownName.isPresent()
                                    ? "unknown command " + name
                                    : "unknown command name";
                    case ARGUMENT_NOT_ALLOWED -> name + " takes no argument";
                    case MISSING_ARGUMENT -> name + " needs a path argument";
                };
    }
}

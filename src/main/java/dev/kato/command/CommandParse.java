package dev.kato.command;

import java.util.List;

/** The outcome of parsing one message with {@link CommandParser#parse}. */
public sealed interface CommandParse {

    /** The message has no {@code ::} command line at all. */
    record None() implements CommandParse {}

    /** Every {@code ::} line parsed; the commands in line order (never empty). */
    record Commands(List<CommandLine> lines) implements CommandParse {
        public Commands {
            lines = List.copyOf(lines);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("lines must not be empty");
            }
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i - 1).lineIndex() >= lines.get(i).lineIndex()) {
                    throw new IllegalArgumentException(
                            "lines must be in strictly increasing order");
                }
            }
        }
    }

    /**
     * At least one {@code ::} line failed to parse, so none of the message's commands run. Lists
     * every problem, in line order (never empty).
     */
    record Rejected(List<CommandProblem> problems) implements CommandParse {
        public Rejected {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("problems must not be empty");
            }
        }
    }
}

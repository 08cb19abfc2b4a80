package dev.kato.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The process environment cannot be used ({@code KATO_HOME} relative, {@code
 * KATO_AUTO_INIT_ON_START} not {@code true}/{@code false}, …). Carries every problem found.
 */
public final class InvalidEnvironmentException extends Exception {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // an immutable List.copyOf; this exception is never serialized
    private final List<ConfigProblem> problems;

    public InvalidEnvironmentException(List<ConfigProblem> problems) {
        super(
                problems.stream()
                        .map(ConfigProblem::render)
                        .collect(Collectors.joining("; ", "invalid environment: ", "")));
        this.problems = List.copyOf(problems);
        if (this.problems.isEmpty()) {
            throw new IllegalArgumentException("at least one problem is required");
        }
    }

    /** Every problem, in the order the variables were checked. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}

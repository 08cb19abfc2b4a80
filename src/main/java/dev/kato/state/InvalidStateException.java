package dev.kato.state;

/**
 * A state document parsed as JSON but does not satisfy its schema. The message names the field and
 * the problem, never the value.
 */
public final class InvalidStateException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidStateException(String message) {
        super(message);
    }
}

package dev.kato.cli;

/**
 * A failure the user can act on: printed as one line on stderr ({@code kato: <message>}), exit code
 * 1. The message must say what failed and what to do, and hold no conversation content.
 */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
    }
}

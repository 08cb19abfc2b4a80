package dev.kato.ipc;

import java.io.IOException;

/** The writer worker reported that an operation failed; the worker itself is still usable. */
public final class WriterFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public WriterFailedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable word for the kind of failure ({@code io}, {@code refused}, {@code aborted}). */
    public String code() {
        return code;
    }
}

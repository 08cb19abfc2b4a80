package dev.kato.export;

import java.io.IOException;

/** The session has no conversation events; nothing was written. */
public final class NothingToExportException extends IOException {
    private static final long serialVersionUID = 1L;

    public NothingToExportException() {
        super("the session has no conversation events; nothing was written");
    }
}

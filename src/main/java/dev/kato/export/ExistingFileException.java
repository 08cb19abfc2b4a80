package dev.kato.export;

import java.io.IOException;

/** The destination exists with a frontmatter Kato cannot merge; it was left unchanged. */
public final class ExistingFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public ExistingFileException(String message) {
        super(message);
    }
}

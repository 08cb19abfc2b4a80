package dev.kato.ipc;

import java.io.IOException;

/**
 * A frame that is not exactly what the protocol allows (wrong magic or version, unknown type, over
 * the size limit, cut short, or a body of the wrong shape). The reader stops: the stream is not
 * trusted any further. The message names the problem, never the content.
 */
public final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;

    public FrameException(String message) {
        super(message);
    }
}

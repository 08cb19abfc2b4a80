package dev.kato.control;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

/**
 * A control frame that breaks the protocol: the connection is closed (the daemon first sends a
 * {@link ControlReply.Failure} with {@link ProtocolError#code()}). The message holds no frame
 * content.
 */
public final class ControlProtocolException extends IOException {
    private static final long serialVersionUID = 1L;
    private final ProtocolError error;

    public ControlProtocolException(ProtocolError error, String message) {
        super(error.code() + ": " + message);
        this.error = requireNonNull(error, "error");
    }

    public ProtocolError error() {
        return error;
    }
}

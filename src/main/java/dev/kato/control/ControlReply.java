package dev.kato.control;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/** What the daemon answers; exactly one reply per request. */
public sealed interface ControlReply {
    /** The request was accepted; {@code pid} is the daemon's process id. */
    record Ack(long pid) implements ControlReply {
        public Ack {
            if (pid <= 0) {
                throw new IllegalArgumentException("pid must be positive: " + pid);
            }
        }
    }

    /** The answer to {@link ControlRequest.Status}. */
    record StatusReply(DaemonStatus status) implements ControlReply {
        public StatusReply {
            requireNonNull(status, "status");
        }
    }

    /**
     * The request was refused or could not be read.
     *
     * @param code a stable machine-readable code ({@code [a-z][a-z-]*}, e.g. {@code oversize},
     *     {@code peer-rejected}, {@code busy})
     * @param message one human-readable line, never conversation content
     */
    record Failure(String code, String message) implements ControlReply {
        private static final Pattern CODE = Pattern.compile("[a-z][a-z-]{0,63}");
        static final int MAX_MESSAGE = 500;

        public Failure {
            requireNonNull(code, "code");
            requireNonNull(message, "message");
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("code must match " + CODE + ": " + code);
            }
            if (message.length() > MAX_MESSAGE || message.indexOf('\n') >= 0) {
                throw new IllegalArgumentException(
                        "message must be one line of at most " + MAX_MESSAGE + " chars");
            }
        }
    }
}

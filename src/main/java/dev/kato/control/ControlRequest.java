package dev.kato.control;

/** What a client may ask the daemon; one request per connection. */
public sealed interface ControlRequest {
    /** The short wire name of this kind of request (also what the operational log records). */
    String kind();

    /** The daemon's status; {@code all} includes stale sessions. */
    record Status(boolean all) implements ControlRequest {
        @Override
        public String kind() {
            return "status";
        }
    }

    /** Stop the daemon: it replies {@link ControlReply.Ack}, then shuts down. */
    record Stop() implements ControlRequest {
        @Override
        public String kind() {
            return "stop";
        }
    }

    /** Is the daemon up? It replies {@link ControlReply.Ack} with its pid. */
    record Ping() implements ControlRequest {
        @Override
        public String kind() {
            return "ping";
        }
    }
}

package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

/**
 * What happens to the daemon, its control socket and in-chat commands: the operational log records
 * each of these through {@link LifecycleSink}. No variant carries conversation content.
 */
sealed interface LifecycleEvent {
    /** The wire name of the event in {@code operational.jsonl}. */
    String name();

    /** The lock is held; start-up continues. */
    record Started(long pid, String configSha256) implements LifecycleEvent {
        public Started {
            requireNonNull(configSha256, "configSha256");
        }

        @Override
        public String name() {
            return "daemon.start";
        }
    }

    /** The socket listens and the start-up handshake was sent. */
    record Ready(long pid) implements LifecycleEvent {
        @Override
        public String name() {
            return "daemon.ready";
        }
    }

    /** The daemon is stopping: {@code reason} is {@code request} or {@code signal}. */
    record Stopping(long pid, String reason, long uptimeMillis) implements LifecycleEvent {
        public Stopping {
            requireNonNull(reason, "reason");
        }

        @Override
        public String name() {
            return "daemon.stop";
        }
    }

    /** A well-formed request from an accepted peer; only its kind is kept. */
    record RequestReceived(String kind) implements LifecycleEvent {
        public RequestReceived {
            requireNonNull(kind, "kind");
        }

        @Override
        public String name() {
            return "control.request";
        }
    }

    /** A connection from another user was refused. */
    record PeerRejected(String peerUser) implements LifecycleEvent {
        public PeerRejected {
            requireNonNull(peerUser, "peerUser");
        }

        @Override
        public String name() {
            return "control.peer-rejected";
        }
    }

    /** A frame broke the protocol ({@code code} is the {@code ProtocolError} wire code). */
    record ProtocolViolation(String code) implements LifecycleEvent {
        public ProtocolViolation {
            requireNonNull(code, "code");
        }

        @Override
        public String name() {
            return "control.protocol-error";
        }
    }

    /**
     * An in-chat command line was decided: the same facts as its audit record (session short id,
     * the command's name, the outcome and a content-free reason), tied to it by the event id.
     */
    record CommandDecided(
            String session, String eventId, String command, String outcome, String reason)
            implements LifecycleEvent {
        public CommandDecided {
            requireNonNull(session, "session");
            requireNonNull(eventId, "eventId");
            requireNonNull(command, "command");
            requireNonNull(outcome, "outcome");
            requireNonNull(reason, "reason");
        }

        @Override
        public String name() {
            return "command.decision";
        }
    }
}

package dev.kato.control;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * The daemon's start-up handshake: the first line it writes to its standard output, which {@code
 * kato start} reads through a pipe. After that line the daemon writes nothing more there.
 */
public sealed interface Readiness {
    /** The one line, without the newline. */
    String render();

    /** Lock held, socket listening, services started. */
    record Ready(long pid) implements Readiness {
        @Override
        public String render() {
            return "ready pid=" + pid;
        }
    }

    /** Another daemon holds the lock of this {@code KATO_HOME}; its pid when known. */
    record AlreadyRunning(OptionalLong pid) implements Readiness {
        public AlreadyRunning {
            requireNonNull(pid, "pid");
        }

        @Override
        public String render() {
            return "already-running pid=" + (pid.isPresent() ? pid.getAsLong() : "unknown");
        }
    }

    /** The daemon could not start; {@code reason} is one line for the user. */
    record Failed(String reason) implements Readiness {
        public Failed {
            requireNonNull(reason, "reason");
            reason = reason.replace('\n', ' ').replace('\r', ' ');
        }

        @Override
        public String render() {
            return "error: " + reason;
        }
    }

    /** Parses a handshake line; anything unexpected is a {@link Failed} that quotes nothing. */
    static Readiness parse(String line) {
        if (line.startsWith("ready pid=")) {
            OptionalLong pid = pid(line.substring("ready pid=".length()));
            if (pid.isPresent()) {
                return new Ready(pid.getAsLong());
            }
        } else if (line.startsWith("already-running pid=")) {
            return new AlreadyRunning(pid(line.substring("already-running pid=".length())));
        } else if (line.startsWith("error: ")) {
            return new Failed(line.substring("error: ".length()));
        }
        return new Failed("the daemon wrote an unexpected start-up line");
    }

    private static OptionalLong pid(String text) {
        return text.matches("[1-9][0-9]{0,18}")
                ? OptionalLong.of(Long.parseLong(text))
                : OptionalLong.empty();
    }
}

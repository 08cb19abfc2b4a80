package dev.kato.recording;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What became of the in-chat commands of one message, for the status display and the logs.
 * Content-free: command names, line numbers, destinations and reasons only.
 */
public sealed interface CommandOutcome {
    /** The command ran (or was a no-op, e.g. {@code ::record} while already recording there). */
    record Applied(int line, String command, String destination, boolean noOp)
            implements CommandOutcome {
        public Applied {
            requireNonNull(command, "command");
            requireNonNull(destination, "destination");
        }
    }

    /** The command parsed but could not be carried out; it changed nothing. */
    record Failed(int line, String command, String reason) implements CommandOutcome {
        public Failed {
            requireNonNull(command, "command");
            requireNonNull(reason, "reason");
        }
    }

    /** A {@code ::} line did not parse, so none of the message's commands ran. */
    record Rejected(List<String> problems) implements CommandOutcome {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }
}

package dev.kato.command;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One parsed in-chat command. Paths are {@link PathArgument}s: the normalized argument text, not
 * yet checked by the write policy.
 *
 * <p>The later workspace grammar ({@code ::capture-<alias> [path]}, {@code ::record-<alias>},
 * {@code ::export-<alias>}, {@code ::stop-<alias>}) will add variants (or an alias component) to
 * this sealed set; the lexer already reads {@code -} as part of a command name, so those names
 * currently parse as unknown names and reject their message.
 *
 * <p>{@code toString} never shows a path (see {@link PathArgument}).
 */
public sealed interface ControlCommand {

    /** The command name as typed after {@code ::}, lower case (e.g. {@code "record"}). */
    default String commandName() {
        return switch (this) {
            case Init _ -> "init";
            case StartRecording _ -> "record";
            case Capture _ -> "capture";
            case Export _ -> "export";
            case Stop _ -> "stop";
        };
    }

    /**
     * {@code ::init [PATH]}: set the primary destination, create it if missing; stops recording.
     */
    record Init(Optional<PathArgument> path) implements ControlCommand {
        public Init {
            requireNonNull(path, "path");
        }
    }

    /**
     * {@code ::record}: start or resume recording at the primary destination. (Named so that it
     * does not shadow {@code java.lang.Record}.)
     */
    record StartRecording() implements ControlCommand {}

    /** {@code ::capture [PATH]}: write the conversation so far, then keep recording there. */
    record Capture(Optional<PathArgument> path) implements ControlCommand {
        public Capture {
            requireNonNull(path, "path");
        }
    }

    /** {@code ::export PATH}: write the conversation up to this line; no state change. */
    record Export(PathArgument path) implements ControlCommand {
        public Export {
            requireNonNull(path, "path");
        }
    }

    /** {@code ::stop}: stop recording; the primary destination is kept. */
    record Stop() implements ControlCommand {}
}

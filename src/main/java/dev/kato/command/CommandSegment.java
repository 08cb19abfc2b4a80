package dev.kato.command;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The lines of its message that one command sees.
 *
 * <ul>
 *   <li>{@code snapshot}: this message's part of a whole-conversation write, after all earlier
 *       messages. {@code ::capture}: lines {@code [0, line]} (its own line included); {@code
 *       ::export}: lines {@code [0, line)} (its own line excluded); empty for the others.
 *   <li>{@code following}: the lines from where the command takes effect up to the next command
 *       line (or the end of the message). They belong to whichever recording is active after this
 *       command ran (none after {@code ::stop} or {@code ::init}, or if the command failed and
 *       nothing was active). {@code ::record}: {@code [line, next)}, so the seed starts with the
 *       {@code ::record} line; {@code ::capture}: {@code [line + 1, next)}, since its own line is
 *       already in the snapshot; {@code ::export}, {@code ::stop}, {@code ::init}: {@code [line,
 *       next)}.
 * </ul>
 */
public record CommandSegment(
        CommandLine command, Optional<LineRange> snapshot, LineRange following) {
    public CommandSegment {
        requireNonNull(command, "command");
        requireNonNull(snapshot, "snapshot");
        requireNonNull(following, "following");
    }
}

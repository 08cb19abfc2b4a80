package dev.kato.command;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Boundaries inside one message ({@code product.md} §5): which lines each command sees, as {@link
 * LineRange}s, and {@link #text(LineRange)} to cut them out of the message exactly. Concatenating
 * {@link #leading()} and, per command, the lines from its line to the next command line gives back
 * the whole message.
 */
public final class MessageSegments {
    private final MessageLines lines;
    private final LineRange leading;
    private final List<CommandSegment> segments;

    private MessageSegments(MessageLines lines, LineRange leading, List<CommandSegment> segments) {
        this.lines = lines;
        this.leading = leading;
        this.segments = List.copyOf(segments);
    }

    /**
     * The segments of {@code messageText} for {@code commands}, which must be what {@link
     * CommandParser#parse} returned for this very text.
     *
     * @throws IllegalArgumentException if {@code commands} was not parsed from {@code messageText}
     */
    public static MessageSegments of(String messageText, CommandParse.Commands commands) {
        requireNonNull(messageText, "messageText");
        requireNonNull(commands, "commands");
        if (!CommandParser.parse(messageText).equals(commands)) {
            throw new IllegalArgumentException("commands were not parsed from this message text");
        }
        MessageLines lines = MessageLines.of(messageText);
        List<CommandLine> found = commands.lines();
        List<CommandSegment> segments = new ArrayList<>();
        for (int k = 0; k < found.size(); k++) {
            int next = k + 1 < found.size() ? found.get(k + 1).lineIndex() : lines.count();
            segments.add(segment(found.get(k), next));
        }
        return new MessageSegments(lines, new LineRange(0, found.getFirst().lineIndex()), segments);
    }

    private static CommandSegment segment(CommandLine line, int next) {
        int at = line.lineIndex();
        return switch (line.command()) {
            case ControlCommand.Capture _ ->
                    new CommandSegment(
                            line,
                            Optional.of(new LineRange(0, at + 1)),
                            new LineRange(at + 1, next));
            case ControlCommand.Export _ ->
                    new CommandSegment(
                            line, Optional.of(new LineRange(0, at)), new LineRange(at, next));
            case ControlCommand.StartRecording _ ->
                    new CommandSegment(line, Optional.empty(), new LineRange(at, next));
            case ControlCommand.Init _ ->
                    new CommandSegment(line, Optional.empty(), new LineRange(at, next));
            case ControlCommand.Stop _ ->
                    new CommandSegment(line, Optional.empty(), new LineRange(at, next));
        };
    }

    /** Number of lines in the message. */
    public int lineCount() {
        return lines.count();
    }

    /**
     * Lines before the first command; they belong to whichever recording was active when the
     * message arrived.
     */
    public LineRange leading() {
        return leading;
    }

    /** One segment per command, in line order. */
    public List<CommandSegment> segments() {
        return segments;
    }

    /**
     * The exact characters of the lines in {@code range}, each with its original terminator ({@code
     * \n} or {@code \r\n}) except where the message itself ends without one.
     */
    public String text(LineRange range) {
        requireNonNull(range, "range");
        if (range.end() > lines.count()) {
            throw new IllegalArgumentException(
                    "range end " + range.end() + " is past the last line " + lines.count());
        }
        return lines.text().substring(lines.offset(range.start()), lines.offset(range.end()));
    }

    @Override
    public String toString() {
        return "MessageSegments[lines=" + lines.count() + ", commands=" + segments.size() + "]";
    }
}

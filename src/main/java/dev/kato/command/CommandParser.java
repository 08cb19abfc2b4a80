package dev.kato.command;

import static java.util.Objects.requireNonNull;

import dev.kato.command.CommandProblem.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the in-chat commands of one message ({@code product.md} §5). Pure and total: any string
 * gives a {@link CommandParse}, never an exception.
 *
 * <p>A command line starts, after at most 3 columns of spaces/tabs, with {@code ::}, directly
 * followed by a name of ASCII letters, digits, {@code _} or {@code -} (case-insensitive), then
 * optionally a space or tab and the argument (the rest of the line without surrounding spaces and
 * tabs). Lines inside fenced code, indented code, or a multi-line inline code span are not command
 * lines; neither are lines starting with anything else ({@code >}, {@code - }, {@code `}, a quote,
 * prose before the {@code ::}). Every command line must parse, or the whole message is {@link
 * CommandParse.Rejected}: {@code ::} alone or {@code :: name} (a space after {@code ::}) is a
 * missing name; {@code :::x}, {@code ::123}, {@code ::re:cord} or a name with non-ASCII letters is
 * an unknown name.
 */
public final class CommandParser {
    private CommandParser() {}

    public static CommandParse parse(String messageText) {
        requireNonNull(messageText, "messageText");
        if (!messageText.contains("::")) {
            return new CommandParse.None(); // every command line starts with the marker
        }
        MessageLines lines = MessageLines.of(messageText);
        List<Integer> commandLines = CommandLines.find(lines);
        if (commandLines.isEmpty()) {
            return new CommandParse.None();
        }
        List<CommandLine> commands = new ArrayList<>();
        List<CommandProblem> problems = new ArrayList<>();
        for (int index : commandLines) {
            switch (parseLine(index, CommandLines.afterMarker(lines.line(index)))) {
                case LineResult.Ok ok -> commands.add(ok.line());
                case LineResult.Bad bad -> problems.add(bad.problem());
            }
        }
        return problems.isEmpty()
                ? new CommandParse.Commands(commands)
                : new CommandParse.Rejected(problems);
    }

    private sealed interface LineResult {
        record Ok(CommandLine line) implements LineResult {}

        record Bad(CommandProblem problem) implements LineResult {}
    }

    private static LineResult parseLine(int index, String afterMarker) {
        int nameEnd = 0;
        while (nameEnd < afterMarker.length()
                && !Indentation.isSpaceOrTab(afterMarker.charAt(nameEnd))) {
            nameEnd++;
        }
        String token = afterMarker.substring(0, nameEnd);
        String argument = Indentation.trim(afterMarker.substring(nameEnd));
        if (token.isEmpty()) {
            return bad(index, Reason.MISSING_NAME, Optional.empty());
        }
        if (!token.chars().allMatch(c -> isNameChar((char) c))) {
            return bad(index, Reason.UNKNOWN_NAME, Optional.empty());
        }
        Optional<CommandName> name = CommandName.tryFromAsciiToken(token);
        if (name.isEmpty()) {
            String shown =
                    token.substring(0, Math.min(token.length(), CommandProblem.MAX_SHOWN_NAME));
            return bad(index, Reason.UNKNOWN_NAME, Optional.of(shown));
        }
        return withArgument(index, name.get(), argument);
    }

    private static LineResult withArgument(int index, CommandName name, String argument) {
        Optional<PathArgument> path =
                argument.isEmpty()
                        ? Optional.empty()
                        : Optional.of(PathArguments.normalize(argument));
        if (name.arity() == CommandName.Arity.NONE && path.isPresent()) {
            return bad(index, Reason.ARGUMENT_NOT_ALLOWED, Optional.of(name.typed()));
        }
        if (name.arity() == CommandName.Arity.REQUIRED && path.isEmpty()) {
            return bad(index, Reason.MISSING_ARGUMENT, Optional.of(name.typed()));
        }
        ControlCommand command =
                switch (name) {
                    case INIT -> new ControlCommand.Init(path);
                    case RECORD -> new ControlCommand.StartRecording();
                    case CAPTURE -> new ControlCommand.Capture(path);
                    case EXPORT -> new ControlCommand.Export(path.orElseThrow());
                    case STOP -> new ControlCommand.Stop();
                };
        return new LineResult.Ok(new CommandLine(index, command));
    }

    private static LineResult bad(int index, Reason reason, Optional<String> shownName) {
        return new LineResult.Bad(new CommandProblem(index, reason, shownName));
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '-';
    }
}

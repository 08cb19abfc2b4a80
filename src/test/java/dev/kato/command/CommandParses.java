package dev.kato.command;

import java.util.stream.Collectors;

/** Compact, test-only renderings of parse results, for exact table assertions. */
final class CommandParses {
    private CommandParses() {}

    /**
     * {@code none}; {@code L0 record; L2 export /a.md; L3 init !MENTION}; or {@code rejected L1
     * UNKNOWN_NAME bogus; L2 MISSING_NAME}.
     */
    static String describe(CommandParse parse) {
        return switch (parse) {
            case CommandParse.None _ -> "none";
            case CommandParse.Commands c ->
                    c.lines().stream()
                            .map(l -> "L" + l.lineIndex() + " " + describe(l.command()))
                            .collect(Collectors.joining("; "));
            case CommandParse.Rejected r ->
                    "rejected "
                            + r.problems().stream()
                                    .map(p ->
                                            "L"
                                                    + p.lineIndex()
                                                    + " "
                                                    + p.reason()
                                                    + p.shownName().map(n -> " " + n).orElse(""))
                                    .collect(Collectors.joining("; "));
        };
    }

    static String describe(ControlCommand command) {
        String argument =
                switch (command) {
                    case ControlCommand.Init i -> i.path().map(CommandParses::describe).orElse("");
                    case ControlCommand.Capture c ->
                            c.path().map(CommandParses::describe).orElse("");
                    case ControlCommand.Export e -> describe(e.path());
                    case ControlCommand.StartRecording _, ControlCommand.Stop _ -> "";
                };
        return command.commandName() + argument;
    }

    private static String describe(PathArgument path) {
        return switch (path) {
            case PathArgument.Absolute a -> " " + a.path();
            case PathArgument.NotAbsolute n -> " !" + n.reason();
        };
    }
}

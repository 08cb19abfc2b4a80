package dev.kato.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

/** Properties every parse must have; shared by the property and fuzz tests. */
final class CommandInvariants {
    private CommandInvariants() {}

    static void check(String message) {
        CommandParse parse = CommandParser.parse(message);
        List<String> lines = lines(message);
        if (noLineStartsWithMarker(lines)) {
            assertThat(parse).isEqualTo(new CommandParse.None());
        }
        switch (parse) {
            case CommandParse.None _ -> {}
            case CommandParse.Commands c -> {
                checkOrderedCommandLines(
                        c.lines().stream().map(CommandLine::lineIndex).toList(), lines);
                checkSegments(message, c);
            }
            case CommandParse.Rejected r ->
                    checkOrderedCommandLines(
                            r.problems().stream().map(CommandProblem::lineIndex).toList(), lines);
        }
        assertThat(CommandParser.parse(fenced(message, '`'))).isEqualTo(new CommandParse.None());
        assertThat(CommandParser.parse(fenced(message, '~'))).isEqualTo(new CommandParse.None());
        if (message.indexOf('\r') < 0) {
            assertThat(CommandParser.parse(message.replace("\n", "\r\n"))).isEqualTo(parse);
        }
    }

    /** The message inside a fence longer than any run of that character in it. */
    static String fenced(String message, char marker) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < message.length(); i++) {
            run = message.charAt(i) == marker ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = String.valueOf(marker).repeat(Math.max(3, longest + 1));
        return fence + "\n" + message + "\n" + fence;
    }

    static List<String> lines(String message) {
        return Stream.of(message.split("\n", -1))
                .map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l)
                .toList();
    }

    static boolean noLineStartsWithMarker(List<String> lines) {
        return lines.stream().noneMatch(l -> l.replaceFirst("^[ \\t]+", "").startsWith("::"));
    }

    private static void checkOrderedCommandLines(List<Integer> indices, List<String> lines) {
        assertThat(indices).isNotEmpty().isSorted().doesNotHaveDuplicates();
        for (int i : indices) {
            assertThat(i).isBetween(0, lines.size() - 1);
            assertThat(lines.get(i).replaceFirst("^[ \\t]+", "")).startsWith("::");
        }
    }

    private static void checkSegments(String message, CommandParse.Commands commands) {
        MessageSegments s = MessageSegments.of(message, commands);
        StringBuilder whole = new StringBuilder(s.text(s.leading()));
        List<CommandSegment> segs = s.segments();
        for (int k = 0; k < segs.size(); k++) {
            int end = k + 1 < segs.size() ? segs.get(k + 1).command().lineIndex() : s.lineCount();
            whole.append(s.text(new LineRange(segs.get(k).command().lineIndex(), end)));
        }
        assertThat(whole.toString()).isEqualTo(message);
    }
}

package dev.kato.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the {@code ::} lines of a message: lines outside fenced code blocks, not starting inside a
 * multi-line inline code span (spans are matched within a paragraph: consecutive non-blank lines
 * outside fences and indented code blocks), indented less than 4 columns (4 or more is indented
 * code), that start with {@code ::} after that indentation. Only ASCII spaces and tabs count as
 * indentation, so a zero-width space, a non-breaking space or a full-width colon in front keeps a
 * line from being a command line.
 */
final class CommandLines {
    private CommandLines() {}

    /** Indices of the {@code ::} lines, in order. */
    static List<Integer> find(MessageLines lines) {
        List<Integer> found = new ArrayList<>();
        List<Integer> paragraph = new ArrayList<>();
        Optional<Fence> fence = Optional.empty();
        for (int i = 0; i < lines.count(); i++) {
            String line = lines.line(i);
            if (fence.isPresent()) {
                if (fence.get().isClosedBy(line)) {
                    fence = Optional.empty();
                }
                continue;
            }
            fence = Fence.tryOpen(line);
            if (fence.isPresent() || Indentation.isBlank(line)) {
                collect(lines, paragraph, found);
                continue;
            }
            if (!paragraph.isEmpty() || !isIndentedCode(line)) {
                paragraph.add(i);
            }
        }
        collect(lines, paragraph, found);
        return found;
    }

    /** Adds the {@code ::} lines of a paragraph (consecutive non-blank lines) and clears it. */
    private static void collect(MessageLines lines, List<Integer> paragraph, List<Integer> found) {
        if (paragraph.isEmpty()) {
            return;
        }
        boolean[] inSpan =
                CodeSpans.linesStartingInSpan(paragraph.stream().map(lines::line).toList());
        for (int p = 0; p < paragraph.size(); p++) {
            if (!inSpan[p] && isCommandLine(lines.line(paragraph.get(p)))) {
                found.add(paragraph.get(p));
            }
        }
        paragraph.clear();
    }

    /** An indented code line; it starts a code block only where no paragraph is open. */
    private static boolean isIndentedCode(String line) {
        return Indentation.columns(line, Indentation.skip(line, 0)) >= Indentation.CODE_INDENT;
    }

    static boolean isCommandLine(String line) {
        int i = Indentation.skip(line, 0);
        return Indentation.columns(line, i) < Indentation.CODE_INDENT && line.startsWith("::", i);
    }

    /** The text after {@code ::} on a command line. */
    static String afterMarker(String line) {
        return line.substring(Indentation.skip(line, 0) + 2);
    }
}

package dev.kato.command;

import java.util.Optional;

/**
 * An open fenced code block: {@code length} >= 3 of {@code marker} ({@code `} or {@code ~}).
 *
 * <p>Top-level fences follow CommonMark: indented at most 3 columns, a backtick fence's info string
 * has no backtick, and the closing fence is the same character, at least as long, indented at most
 * 3 columns, followed only by spaces and tabs. Fences that open inside a block quote or list item
 * ({@code > ```}, {@code - ```}, {@code 1. ```}) are recognized too, conservatively: the closing
 * fence may be indented up to 3 columns beyond the container's content column (and, for a block
 * quote, may carry {@code >} markers). Every line up to the closing fence, or to the end of the
 * message, is code.
 */
record Fence(char marker, int length, int containerColumns, boolean quoted) {

    static Optional<Fence> tryOpen(String line) {
        int i = Indentation.skip(line, 0);
        if (Indentation.columns(line, i) >= Indentation.CODE_INDENT) {
            return Optional.empty();
        }
        boolean quoted = false;
        int containerColumns = 0;
        while (i < line.length()) {
            int after = afterContainerMarker(line, i);
            if (after == i) {
                break;
            }
            quoted |= line.charAt(i) == '>';
            containerColumns = Indentation.columns(line, after);
            i = Indentation.skip(line, after);
            if (Indentation.columns(line, i) - containerColumns >= Indentation.CODE_INDENT) {
                return Optional.empty();
            }
        }
        int run = runLength(line, i);
        if (run < 3) {
            return Optional.empty();
        }
        char marker = line.charAt(i);
        if (marker == '`' && line.indexOf('`', i + run) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Fence(marker, run, containerColumns, quoted));
    }

    boolean isClosedBy(String line) {
        int i = Indentation.skip(line, 0);
        while (quoted && i < line.length() && line.charAt(i) == '>') {
            i = Indentation.skip(line, i + 1);
        }
        if (Indentation.columns(line, i) - containerColumns >= Indentation.CODE_INDENT) {
            return false;
        }
        int run = runLength(line, i);
        return run >= length
                && line.charAt(i) == marker
                && Indentation.skip(line, i + run) == line.length();
    }

    /** Length of the run of {@code `} or {@code ~} at {@code i}, 0 if there is none. */
    private static int runLength(String line, int i) {
        if (i >= line.length() || (line.charAt(i) != '`' && line.charAt(i) != '~')) {
            return 0;
        }
        char c = line.charAt(i);
        int j = i;
        while (j < line.length() && line.charAt(j) == c) {
            j++;
        }
        return j - i;
    }

    /**
     * The index after a block-quote marker ({@code >}) or a list marker ({@code -}, {@code *},
     * {@code +}, or 1–9 digits and {@code .} or {@code )}, each followed by a space or tab) at
     * {@code i}, including one following space or tab; {@code i} if there is none.
     */
    private static int afterContainerMarker(String line, int i) {
        char c = line.charAt(i);
        if (c == '>') {
            int next = i + 1;
            return next < line.length() && Indentation.isSpaceOrTab(line.charAt(next))
                    ? next + 1
                    : next;
        }
        int end = i;
        if (c == '-' || c == '*' || c == '+') {
            end = i + 1;
        } else {
            while (end < line.length() && end - i < 9 && isAsciiDigit(line.charAt(end))) {
                end++;
            }
            if (end == i
                    || end >= line.length()
                    || (line.charAt(end) != '.' && line.charAt(end) != ')')) {
                return i;
            }
            end++;
        }
        return end < line.length() && Indentation.isSpaceOrTab(line.charAt(end)) ? end + 1 : i;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

package dev.kato.command;

/** CommonMark indentation: spaces count one column, a tab advances to the next multiple of 4. */
final class Indentation {
    /** Indentation of 4 columns or more makes an indented code block. */
    static final int CODE_INDENT = 4;

    private Indentation() {}

    static boolean isSpaceOrTab(char c) {
        return c == ' ' || c == '\t';
    }

    static int advance(int column, char c) {
        return c == '\t' ? column + 4 - column % 4 : column + 1;
    }

    /** Index of the first character after the spaces and tabs starting at {@code from}. */
    static int skip(String line, int from) {
        int i = from;
        while (i < line.length() && isSpaceOrTab(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Columns taken by {@code line[0..end)}, which may contain non-whitespace. */
    static int columns(String line, int end) {
        int column = 0;
        for (int i = 0; i < end; i++) {
            column = advance(column, line.charAt(i));
        }
        return column;
    }

    static boolean isBlank(String line) {
        return skip(line, 0) == line.length();
    }

    /** {@code text} without leading and trailing spaces and tabs (other whitespace is kept). */
    static String trim(String text) {
        int start = skip(text, 0);
        int end = text.length();
        while (end > start && isSpaceOrTab(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }
}

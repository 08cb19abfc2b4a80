package dev.kato.writer;

import java.util.Optional;

/**
 * Fenced code blocks that content cannot escape: the fence is a run of backticks longer than the
 * longest backtick run in the content (at least three), so no content line can close it, and
 * everything inside is literal text (no HTML, no headings, no frontmatter).
 */
final class Fence {
    private Fence() {}

    /** Content with {@code \r\n} and lone {@code \r} turned into {@code \n}. */
    static String normalizeNewlines(String text) {
        if (text.indexOf('\r') < 0) {
            return text;
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The fence for this content. */
    static String fenceFor(String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == '`') {
                run++;
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /**
     * The content as a fenced block with the info string ({@code text}, {@code json}), ending in
     * {@code \n}. Trailing blank lines of the content are dropped.
     */
    static String block(String info, String content) {
        String body = normalizeNewlines(content).stripTrailing();
        String fence = fenceFor(body);
        StringBuilder sb =
                new StringBuilder(body.length() + 2 * fence.length() + info.length() + 4);
        sb.append(fence).append(info).append('\n');
        if (!body.isEmpty()) {
            sb.append(body).append('\n');
        }
        return sb.append(fence).append('\n').toString();
    }

    /**
     * CommonMark fenced-code state of top-level lines: an opening fence is up to three spaces then
     * at least three backticks (with no backtick in the info string) or tildes; it is closed by the
     * same character, at least as many times, followed only by spaces or tabs. Container blocks
     * (lists, quotes) are not modelled.
     */
    static final class State {
        private char openChar;
        private int openLength;

        boolean isOpen() {
            return openLength > 0;
        }

        /** Whether the line opens or closes a fence; updates the state if so. */
        boolean isFenceLine(String line) {
            int indent = 0;
            while (indent < line.length() && indent < 4 && line.charAt(indent) == ' ') {
                indent++;
            }
            int n = runLength(line, indent);
            if (indent > 3 || n < 3) {
                return false;
            }
            char c = line.charAt(indent);
            String rest = line.substring(indent + n);
            if (isOpen()) {
                boolean closes = c == openChar && n >= openLength && onlySpacesOrTabs(rest);
                if (closes) {
                    openLength = 0;
                }
                return closes;
            }
            if (c == '`' && rest.indexOf('`') >= 0) {
                return false;
            }
            openChar = c;
            openLength = n;
            return true;
        }

        private static boolean onlySpacesOrTabs(String s) {
            return s.chars().allMatch(ch -> ch == ' ' || ch == '\t');
        }

        /** Length of the run of backticks or tildes at {@code start}; 0 for anything else. */
        private static int runLength(String line, int start) {
            if (start >= line.length()
                    || (line.charAt(start) != '`' && line.charAt(start) != '~')) {
                return 0;
            }
            int end = start;
            while (end < line.length() && line.charAt(end) == line.charAt(start)) {
                end++;
            }
            return end - start;
        }

        /** The line that closes the open fence, if one is open. */
        Optional<String> closingLine() {
            return isOpen()
                    ? Optional.of(String.valueOf(openChar).repeat(openLength))
                    : Optional.empty();
        }
    }
}

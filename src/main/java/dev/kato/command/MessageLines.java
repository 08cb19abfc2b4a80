package dev.kato.command;

import java.util.ArrayList;
import java.util.List;

/**
 * A message split into lines: on {@code \n} only, with one {@code \r} right before it (or at the
 * very end) treated as part of the terminator. A lone {@code \r} elsewhere is ordinary text. The
 * empty message is one empty line; a message ending in a terminator has an empty last line.
 */
final class MessageLines {
    private final String text;
    private final int[] starts;
    private final int[] contentEnds;

    private MessageLines(String text, int[] starts, int[] contentEnds) {
        this.text = text;
        this.starts = starts;
        this.contentEnds = contentEnds;
    }

    static MessageLines of(String text) {
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            starts.add(start);
            ends.add(end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        return new MessageLines(text, toArray(starts), toArray(ends));
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    int count() {
        return starts.length;
    }

    /** Line {@code i} without its terminator. */
    String line(int i) {
        return text.substring(starts[i], contentEnds[i]);
    }

    /** Offset of the first character of line {@code i}; {@code count()} gives the text length. */
    int offset(int i) {
        return i == starts.length ? text.length() : starts[i];
    }

    String text() {
        return text;
    }
}

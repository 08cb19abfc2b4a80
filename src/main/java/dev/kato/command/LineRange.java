package dev.kato.command;

/** Lines {@code [start, end)} of one message, 0-based, end exclusive; may be empty. */
public record LineRange(int start, int end) {
    public LineRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException(
                    "need 0 <= start <= end: start=" + start + ", end=" + end);
        }
    }

    public boolean isEmpty() {
        return start == end;
    }

    public int size() {
        return end - start;
    }
}

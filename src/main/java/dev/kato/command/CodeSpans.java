package dev.kato.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inline code spans that run across lines of one paragraph (CommonMark: a backtick run opens a span
 * only if a later run of exactly the same length closes it; a backslash escapes the first backtick
 * of an opening run). Used to tell which lines <em>start</em> inside a code span: those are never
 * commands. Single-line spans need no help, since such a line does not start with {@code ::}.
 */
final class CodeSpans {
    private CodeSpans() {}

    /**
     * For a paragraph given as its lines, which lines start inside a code span. Linear apart from a
     * binary search per backtick run.
     */
    static boolean[] linesStartingInSpan(List<String> paragraph) {
        StringBuilder joined = new StringBuilder();
        int[] lineStarts = new int[paragraph.size()];
        for (int i = 0; i < paragraph.size(); i++) {
            lineStarts[i] = joined.length();
            joined.append(paragraph.get(i)).append('\n');
        }
        boolean[] inSpan = new boolean[paragraph.size()];
        List<int[]> spans = spans(joined);
        int line = 0;
        for (int[] span : spans) {
            while (line < lineStarts.length && lineStarts[line] <= span[0]) {
                line++;
            }
            while (line < lineStarts.length && lineStarts[line] < span[1]) {
                inSpan[line++] = true;
            }
        }
        return inSpan;
    }

    /** Code spans as {@code [startOfOpeningRun, endOfClosingRun)}, in order, not overlapping. */
    private static List<int[]> spans(CharSequence text) {
        List<int[]> runs = runs(text);
        Map<Integer, List<Integer>> byLength = new HashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            byLength.computeIfAbsent(runs.get(r)[1], k -> new ArrayList<>()).add(r);
        }
        List<int[]> spans = new ArrayList<>();
        int r = 0;
        while (r < runs.size()) {
            int start = runs.get(r)[0];
            int length = runs.get(r)[1];
            if (isEscaped(text, start)) {
                start++;
                length--;
            }
            int closer = length == 0 ? -1 : nextRun(byLength.get(length), r);
            if (closer < 0) {
                r++;
            } else {
                spans.add(new int[] {start, runs.get(closer)[0] + length});
                r = closer + 1;
            }
        }
        return spans;
    }

    /** Index of the first run after {@code r} in {@code candidates} (sorted), or -1. */
    private static int nextRun(List<Integer> candidates, int r) {
        if (candidates == null) {
            return -1;
        }
        int low = 0;
        int high = candidates.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (candidates.get(mid) <= r) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low < candidates.size() ? candidates.get(low) : -1;
    }

    /** Maximal backtick runs as {@code [start, length]}. */
    private static List<int[]> runs(CharSequence text) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '`') {
                i++;
                continue;
            }
            int j = i;
            while (j < text.length() && text.charAt(j) == '`') {
                j++;
            }
            runs.add(new int[] {i, j - i});
            i = j;
        }
        return runs;
    }

    /** True if an odd number of backslashes precedes {@code i}. */
    private static boolean isEscaped(CharSequence text, int i) {
        int backslashes = 0;
        for (int j = i - 1; j >= 0 && text.charAt(j) == '\\'; j--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}

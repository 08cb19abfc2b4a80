package dev.kato.provider.claude;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Structural removal of the context Claude Code puts inside genuine prompts: IDE tags ({@code
 * <ide_opened_file>}, {@code <ide_selection>}, any other {@code <ide_…>}) and {@code
 * <system-reminder>}.
 *
 * <p>Fail-safe by construction: for each tag name, everything from its <em>first</em> opening tag
 * to its <em>last</em> closing tag is removed, and to the end of the text when an opening tag is
 * left unclosed. A selection that contains a forged closing tag followed by a {@code ::} line
 * therefore cannot leave that line behind; the price is that human text typed between two context
 * blocks is treated as context too. After removal the remainder contains no opening context tag.
 */
final class ContextTags {
    static final String SYSTEM_REMINDER = "system-reminder";
    private static final String IDE_PREFIX = "ide_";
    private static final int MAX_PASSES = 8;

    private ContextTags() {}

    /** One removed span and the tag name it began with. */
    record Removed(String tagName, String text) {
        boolean isReminder() {
            return tagName.equals(SYSTEM_REMINDER);
        }

        @Override
        public String toString() {
            return "Removed[" + tagName + ", chars=" + text.length() + "]";
        }
    }

    /**
     * A text with its context removed.
     *
     * @param remainder the text without context (stripped when anything was removed)
     */
    record Split(String remainder, List<Removed> removed) {
        @Override
        public String toString() {
            return "Split[chars=" + remainder.length() + ", removed=" + removed.size() + "]";
        }
    }

    private record Span(int start, int end, String tagName) {}

    /** The context tag a text opens with (leading whitespace ignored), or null. */
    static @Nullable String leadingTagOrNull(String text) {
        String t = text.stripLeading();
        if (isOpeningAt(t, 0, SYSTEM_REMINDER)) {
            return SYSTEM_REMINDER;
        }
        if (t.startsWith("<" + IDE_PREFIX)) {
            String name = nameAt(t, 1);
            return name.length() > IDE_PREFIX.length() ? name : null;
        }
        return null;
    }

    /** Removes every context span; see the class comment for the rule. */
    static Split split(String text) {
        List<Removed> removed = new ArrayList<>();
        String rest = text;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            List<Span> spans = spans(rest);
            if (spans.isEmpty()) {
                return new Split(removed.isEmpty() ? text : rest.strip(), removed);
            }
            rest = cut(rest, merge(spans), removed);
        }
        List<Span> left = spans(rest);
        if (!left.isEmpty()) {
            // Removal keeps forming new tags: give up on the remainder rather than trust it.
            removed.add(new Removed(left.getFirst().tagName(), rest));
            rest = "";
        }
        return new Split(rest.strip(), removed);
    }

    private static List<Span> spans(String text) {
        List<Span> spans = new ArrayList<>();
        for (String name : tagNames(text)) {
            int first = indexOfOpening(text, name);
            if (first < 0) {
                continue;
            }
            String close = "</" + name + ">";
            int lastClose = text.lastIndexOf(close);
            int lastOpen = lastIndexOfOpening(text, name);
            boolean closed = lastClose > first && lastClose > lastOpen;
            spans.add(new Span(first, closed ? lastClose + close.length() : text.length(), name));
        }
        return spans;
    }

    /** {@code system-reminder} and every {@code ide_*} name that occurs as an opening tag. */
    private static TreeSet<String> tagNames(String text) {
        TreeSet<String> names = new TreeSet<>();
        if (indexOfOpening(text, SYSTEM_REMINDER) >= 0) {
            names.add(SYSTEM_REMINDER);
        }
        int i = text.indexOf("<" + IDE_PREFIX);
        while (i >= 0) {
            String name = nameAt(text, i + 1);
            if (name.length() > IDE_PREFIX.length()) {
                names.add(name);
            }
            i = text.indexOf("<" + IDE_PREFIX, i + 1);
        }
        return names;
    }

    private static List<Span> merge(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::end));
        List<Span> merged = new ArrayList<>();
        for (Span s : sorted) {
            Span last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && s.start() <= last.end()) {
                merged.set(
                        merged.size() - 1,
                        new Span(last.start(), Math.max(last.end(), s.end()), last.tagName()));
            } else {
                merged.add(s);
            }
        }
        return merged;
    }

    private static String cut(String text, List<Span> merged, List<Removed> removed) {
        StringBuilder rest = new StringBuilder(text.length());
        int pos = 0;
        for (Span s : merged) {
            rest.append(text, pos, s.start());
            removed.add(new Removed(s.tagName(), text.substring(s.start(), s.end())));
            pos = s.end();
        }
        rest.append(text, pos, text.length());
        return rest.toString();
    }

    private static int indexOfOpening(String text, String name) {
        int i = text.indexOf("<" + name);
        while (i >= 0 && !isOpeningAt(text, i, name)) {
            i = text.indexOf("<" + name, i + 1);
        }
        return i;
    }

    private static int lastIndexOfOpening(String text, String name) {
        int i = text.lastIndexOf("<" + name);
        while (i >= 0 && !isOpeningAt(text, i, name)) {
            i = text.lastIndexOf("<" + name, i - 1);
        }
        return i;
    }

    /** {@code <name} at {@code i}, not followed by another name character. */
    private static boolean isOpeningAt(String text, int i, String name) {
        if (!text.startsWith(name, i + 1) || text.charAt(i) != '<') {
            return false;
        }
        int after = i + 1 + name.length();
        return after >= text.length() || !isNameChar(text.charAt(after));
    }

    private static String nameAt(String text, int start) {
        int end = start;
        while (end < text.length() && isNameChar(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end);
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '-';
    }
}

package dev.kato.writer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message text rendered as Markdown (human-typed messages, assistant text, thinking), contained so
 * that it cannot take over the rest of the document or the reader's viewer. Outside fenced code and
 * code spans: every {@code <} that would start raw HTML ({@code <tag}, {@code </tag}, {@code <!--},
 * {@code <?}) is backslash-escaped (autolinks stay), {@code ![} is escaped so no image is fetched,
 * and a line that imitates a speaker heading gets its {@code #} escaped. A fence the text leaves
 * open is closed at its end. Fence tracking follows CommonMark for top-level fences (see {@link
 * Fence.State}).
 */
final class ProseText {
    private static final Pattern BLOCK_PREFIX =
            Pattern.compile(
                    "^(?:(?:>[ \\t]?)|(?:[-+*][ \\t]+)|(?:\\d{1,9}[.)][ \\t]+)|(?:#{1,6}[ \\t]+))*");
    private static final Pattern SPEAKER_HEADING =
            Pattern.compile(
                    "^ {0,3}#[ \\t]+\\S*_(?:\\d{4}-\\d{2}-\\d{2}_\\d{4}_\\d{2}|unknown-time)[ \\t#]*$");
    private static final Pattern LEAVE_AS_IS =
            Pattern.compile("^(?:[-*_=][ \\t]*){3,}$|^\\||^[-=]+[ \\t]*$");
    private static final Pattern AUTOLINK =
            Pattern.compile(
                    "<(?:[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\\s<>]*"
                            + "|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)>");

    private ProseText() {}

    /** Contained Markdown without a trailing newline; "" when the text is blank. */
    static String contain(String text, boolean italicize) {
        String body = withoutLeadingBlankLines(Fence.normalizeNewlines(text).stripTrailing());
        if (body.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder(body.length() + 32);
        Fence.State fences = new Fence.State();
        for (String line : body.split("\n", -1)) {
            if (fences.isFenceLine(line) || fences.isOpen()) {
                out.append(line);
            } else {
                String safe = escapeInline(escapeSpeakerHeading(line));
                out.append(italicize ? italicizeLine(safe) : safe);
            }
            out.append('\n');
        }
        fences.closingLine().ifPresent(out::append);
        return out.toString().stripTrailing();
    }

    private static String withoutLeadingBlankLines(String s) {
        int start = 0;
        while (true) {
            int nl = s.indexOf('\n', start);
            if (nl < 0 || !s.substring(start, nl).isBlank()) {
                return s.substring(start);
            }
            start = nl + 1;
        }
    }

    private static String escapeSpeakerHeading(String line) {
        if (!SPEAKER_HEADING.matcher(line).find()) {
            return line;
        }
        int hash = line.indexOf('#');
        return line.substring(0, hash) + "\\" + line.substring(hash);
    }

    /** Escapes raw-HTML starts and image openers, leaving code spans and autolinks alone. */
    static String escapeInline(String line) {
        StringBuilder sb = new StringBuilder(line.length() + 8);
        Matcher autolink = AUTOLINK.matcher(line);
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            int next = i + 1;
            if (c == '`') {
                next = codeSpanEnd(line, i);
            } else if (c == '\\') {
                next = Math.min(line.length(), i + 2);
            } else if (c == '<' && autolink.region(i, line.length()).lookingAt()) {
                next = autolink.end();
            } else if (c == '<' && startsHtml(line, i)) {
                sb.append('\\');
            } else if (c == '!' && next < line.length() && line.charAt(next) == '[') {
                sb.append("!\\[");
                i = next + 1;
                continue;
            }
            sb.append(line, i, next);
            i = next;
        }
        return sb.toString();
    }

    private static boolean startsHtml(String line, int lt) {
        if (lt + 1 >= line.length()) {
            return false;
        }
        char next = line.charAt(lt + 1);
        return Character.isLetter(next) || next == '/' || next == '!' || next == '?';
    }

    /**
     * Wraps the line's text in {@code *…*} after its block markers (quote, list, heading), escaping
     * stars outside code spans; indented lines, tables and rules stay as they are.
     */
    static String italicizeLine(String line) {
        if (line.isBlank() || line.startsWith("\t") || line.startsWith("    ")) {
            return line;
        }
        String trimmed = line.stripLeading();
        String indent = line.substring(0, line.length() - trimmed.length());
        if (LEAVE_AS_IS.matcher(trimmed).find()) {
            return line;
        }
        Matcher m = BLOCK_PREFIX.matcher(trimmed);
        int prefixEnd = m.lookingAt() ? m.end() : 0;
        String content = trimmed.substring(prefixEnd).strip();
        if (content.isEmpty()) {
            return line;
        }
        return indent + trimmed.substring(0, prefixEnd) + "*" + escapeStars(content) + "*";
    }

    /** Escapes {@code *} outside code spans and escapes; balances a trailing backslash. */
    private static String escapeStars(String content) {
        StringBuilder sb = new StringBuilder(content.length() + 8);
        int i = 0;
        while (i < content.length()) {
            char c = content.charAt(i);
            int next = i + 1;
            if (c == '`') {
                next = codeSpanEnd(content, i);
            } else if (c == '\\') {
                next = Math.min(content.length(), i + 2);
            } else if (c == '*') {
                sb.append('\\');
            }
            sb.append(content, i, next);
            i = next;
        }
        if (trailingBackslashes(content) % 2 == 1) {
            sb.append('\\');
        }
        return sb.toString();
    }

    /** End of the code span opened by the backtick run at {@code start}, or of the run itself. */
    private static int codeSpanEnd(String s, int start) {
        int runEnd = start;
        while (runEnd < s.length() && s.charAt(runEnd) == '`') {
            runEnd++;
        }
        int n = runEnd - start;
        int i = runEnd;
        while (i < s.length()) {
            if (s.charAt(i) != '`') {
                i++;
                continue;
            }
            int j = i;
            while (j < s.length() && s.charAt(j) == '`') {
                j++;
            }
            if (j - i == n) {
                return j;
            }
            i = j;
        }
        return runEnd;
    }

    private static int trailingBackslashes(String s) {
        int n = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            n++;
        }
        return n;
    }
}

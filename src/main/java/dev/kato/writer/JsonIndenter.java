package dev.kato.writer;

import java.util.Optional;

/**
 * Re-indents compact JSON text with two spaces per level, like {@code JSON.stringify(v, null, 2)},
 * copying strings and numbers verbatim. Only the layout changes; anything that is not balanced
 * JSON-looking text, nests deeper than {@link #MAX_DEPTH} or is longer than {@link #MAX_CHARS} is
 * left alone (empty result), so the caller shows it as it is.
 */
final class JsonIndenter {
    static final int MAX_DEPTH = 32;
    static final int MAX_CHARS = 256 * 1024;

    private final String in;
    private final StringBuilder out;
    private final char[] closers = new char[MAX_DEPTH];
    private int depth;
    private int pos;

    private JsonIndenter(String in) {
        this.in = in;
        this.out = new StringBuilder(in.length() + in.length() / 4 + 16);
    }

    static Optional<String> tryIndent(String json) {
        String trimmed = json.strip();
        if (trimmed.length() > MAX_CHARS
                || trimmed.isEmpty()
                || (trimmed.charAt(0) != '{' && trimmed.charAt(0) != '[')) {
            return Optional.empty();
        }
        return new JsonIndenter(trimmed).run();
    }

    private Optional<String> run() {
        while (pos < in.length()) {
            char c = in.charAt(pos++);
            boolean ok =
                    switch (c) {
                        case '"' -> copyString();
                        case '{', '[' -> open(c);
                        case '}', ']' -> close(c);
                        case ',' -> append(",") && newline();
                        case ':' -> append(": ");
                        case ' ', '\t', '\n', '\r' -> true;
                        default -> append(String.valueOf(c));
                    };
            if (!ok) {
                return Optional.empty();
            }
        }
        return depth == 0 ? Optional.of(out.toString()) : Optional.empty();
    }

    private boolean copyString() {
        out.append('"');
        while (pos < in.length()) {
            char c = in.charAt(pos++);
            out.append(c);
            if (c == '\\') {
                if (pos >= in.length()) {
                    return false;
                }
                out.append(in.charAt(pos++));
            } else if (c == '"') {
                return true;
            }
        }
        return false;
    }

    private boolean open(char c) {
        char close = c == '{' ? '}' : ']';
        int next = pos;
        while (next < in.length() && Character.isWhitespace(in.charAt(next))) {
            next++;
        }
        if (next < in.length() && in.charAt(next) == close) {
            out.append(c).append(close);
            pos = next + 1;
            return true;
        }
        if (depth == MAX_DEPTH) {
            return false;
        }
        closers[depth++] = close;
        out.append(c);
        return newline();
    }

    private boolean close(char c) {
        if (depth == 0 || closers[--depth] != c) {
            return false;
        }
        newline();
        out.append(c);
        return true;
    }

    private boolean newline() {
        out.append('\n').append("  ".repeat(depth));
        return true;
    }

    private boolean append(String s) {
        out.append(s);
        return true;
    }
}

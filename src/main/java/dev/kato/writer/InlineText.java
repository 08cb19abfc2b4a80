package dev.kato.writer;

/**
 * Single-line text for places where Markdown or HTML structure must not come from content: HTML
 * {@code <summary>} text, decision questions and options, provider info values.
 */
final class InlineText {
    private static final String MARKDOWN_SPECIALS = "\\`*_[]<>&|~";

    private InlineText() {}

    /** Every run of whitespace, control or line-separator characters becomes one space; trimmed. */
    static String collapse(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), 1024));
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isBlank(cp)) {
                pendingSpace = sb.length() > 0;
                continue;
            }
            if (pendingSpace) {
                sb.append(' ');
                pendingSpace = false;
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private static boolean isBlank(int cp) {
        return Character.isWhitespace(cp)
                || Character.isSpaceChar(cp)
                || Character.isISOControl(cp)
                || cp == 0xFEFF
                || Character.getType(cp) == Character.FORMAT && cp != 0x200D;
    }

    /** At most {@code max} code points; never splits a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int count = text.codePointCount(0, text.length());
        if (count <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max));
    }

    /** Collapsed and cut to {@code max} code points, with an ellipsis when cut. */
    static String shortened(String text, int max) {
        String collapsed = collapse(text);
        String cut = cut(collapsed, max);
        return cut.length() == collapsed.length() ? cut : cut.strip() + "…";
    }

    /** Collapsed and HTML-escaped: safe as the text of an HTML element on one line. */
    static String html(String text, int max) {
        String s = shortened(text, max);
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Collapsed and backslash-escaped so that no inline Markdown (emphasis, code, links, images,
     * HTML, entities, tables, strike-through) can come from it. Only safe in the middle or at the
     * end of a line whose start Kato wrote.
     */
    static String markdown(String text) {
        String s = collapse(text);
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (MARKDOWN_SPECIALS.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}

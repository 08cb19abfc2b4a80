package dev.kato.writer;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Emits frontmatter values as single-line YAML 1.2 (flow style), so that any YAML parser reads back
 * the same value. Strings are plain only when unambiguous for YAML 1.1 and 1.2 readers alike (no
 * number, boolean, null or date look-alikes); otherwise single-quoted (quotes doubled), or
 * double-quoted with escapes when they hold line breaks or non-printable characters.
 */
final class YamlText {
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/@-]*");
    private static final Pattern NUMBER_LIKE =
            Pattern.compile(
                    "[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+"
                            + "|[0-9][0-9_]*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?)");
    private static final Pattern DATE_LIKE = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*");
    private static final Set<String> KEYWORDS =
            Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf");

    private YamlText() {}

    /** Any value of the frontmatter's value model (see {@code ExistingFrontmatter}). */
    static String value(@Nullable Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> string(s);
            case Boolean b -> b.toString();
            case Long l -> l.toString();
            case BigInteger i -> i.toString();
            case Double d -> number(d);
            case List<?> list -> list(list);
            case Map<?, ?> map -> map(map);
            default ->
                    throw new IllegalArgumentException(
                            "not a frontmatter value: " + v.getClass().getSimpleName());
        };
    }

    /** A string, plain when that is unambiguous. */
    static String string(String s) {
        if (isPlainSafe(s)) {
            return s;
        }
        return quoted(s);
    }

    /** A string, always quoted: single quotes when possible, else double quotes with escapes. */
    static String quoted(String s) {
        if (singleQuotable(s)) {
            return "'" + s.replace("'", "''") + "'";
        }
        return doubleQuoted(s);
    }

    static String list(List<?> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(value(items.get(i)));
        }
        return sb.append(']').toString();
    }

    private static String map(Map<?, ?> map) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            sb.append(first ? "" : ", ").append(value(e.getKey())).append(": ");
            sb.append(value(e.getValue()));
            first = false;
        }
        return sb.append('}').toString();
    }

    private static String number(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        return Double.toString(d);
    }

    private static boolean isPlainSafe(String s) {
        return PLAIN_SAFE.matcher(s).matches()
                && !NUMBER_LIKE.matcher(s).matches()
                && !DATE_LIKE.matcher(s).matches()
                && !KEYWORDS.contains(s.toLowerCase(Locale.ROOT));
    }

    private static boolean singleQuotable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                continue;
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            if (!printable(c)) {
                return false;
            }
        }
        return true;
    }

    /** YAML's printable set minus line breaks, BOM and unpaired surrogates. */
    private static boolean printable(char c) {
        return (c >= 0x20 && c <= 0x7E)
                || (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
                || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
    }

    private static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair =
                    Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                sb.append(c).append(s.charAt(++i));
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (printable(c)) {
                sb.append(c);
            } else {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return sb.append('"').toString();
    }
}

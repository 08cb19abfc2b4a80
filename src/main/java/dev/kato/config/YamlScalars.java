package dev.kato.config;

import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Renders string scalars: plain when that is unambiguous (a safe character set, and the YAML 1.2
 * core schema reads it back as a string), double-quoted with escapes otherwise.
 */
final class YamlScalars {
    private static final Pattern PLAIN_SAFE =
            Pattern.compile("[A-Za-z0-9_~/.+][A-Za-z0-9_~/.+=@-]*");
    private static final ScalarResolver RESOLVER = new CoreScalarResolver(false);

    private YamlScalars() {}

    static String string(String value) {
        if (PLAIN_SAFE.matcher(value).matches() && RESOLVER.resolve(value, true).equals(Tag.STR)) {
            return value;
        }
        return doubleQuoted(value);
    }

    static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(cp -> appendEscaped(out, cp));
        return out.append('"').toString();
    }

    private static void appendEscaped(StringBuilder out, int cp) {
        switch (cp) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            case '\r' -> out.append("\\r");
            case 0 -> out.append("\\0");
            default -> {
                if (cp >= 0x20
                        && cp != 0x7f
                        && StreamReader.isPrintable(cp)
                        && !ConfigPaths.isControl(cp)) {
                    out.appendCodePoint(cp);
                } else if (cp <= 0xff) {
                    out.append(String.format("\\x%02X", cp));
                } else if (cp <= 0xffff) {
                    out.append(String.format("\\u%04X", cp));
                } else {
                    out.append(String.format("\\U%08X", cp));
                }
            }
        }
    }
}

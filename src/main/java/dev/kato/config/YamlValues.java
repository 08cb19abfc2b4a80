package dev.kato.config;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed reads of single YAML nodes. Each returns empty after recording a problem; screened nodes
 * (aliases, explicit tags, already reported) return empty without a second problem. Problems
 * describe what was expected and what kind of value was found, never the value itself.
 */
final class YamlValues {
    private static final Set<String> YAML11_BOOLEANS = Set.of("yes", "no", "on", "off", "y", "n");

    private static final Pattern NON_FINITE =
            Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private static final int MAX_INT_CHARS = 40;

    private YamlValues() {}

    static Optional<Boolean> bool(Node node, String path, Problems problems) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return Optional.of(scalar.getValue().toLowerCase(Locale.ROOT).equals("true"));
        }
        String hint = "";
        if (node instanceof ScalarNode scalar
                && YAML11_BOOLEANS.contains(scalar.getValue().toLowerCase(Locale.ROOT))) {
            hint = "; YAML 1.2 reads yes/no/on/off as strings";
        }
        return mismatch(node, path, "a boolean (`true` or `false`)", hint, problems);
    }

    static Optional<Long> integer(Node node, String path, long min, long max, Problems problems) {
        if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.INT)) {
            return mismatch(node, path, "an integer in " + min + ".." + max, "", problems);
        }
        BigInteger value =
                scalar.getValue().length() > MAX_INT_CHARS
                        ? BigInteger.ZERO
                        : parseCoreInt(scalar.getValue());
        if (scalar.getValue().length() > MAX_INT_CHARS
                || value.compareTo(BigInteger.valueOf(min)) < 0
                || value.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.add(path, node, "out of range: must be " + min + ".." + max);
            return Optional.empty();
        }
        return Optional.of(value.longValueExact());
    }

    /** A YAML 1.2 core-schema integer: decimal with optional sign, {@code 0o…} or {@code 0x…}. */
    static BigInteger parseCoreInt(String text) {
        if (text.startsWith("0o")) {
            return new BigInteger(text.substring(2), 8);
        }
        if (text.startsWith("0x")) {
            return new BigInteger(text.substring(2), 16);
        }
        return new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    }

    static Optional<String> string(Node node, String path, String expected, Problems problems) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
            return Optional.of(scalar.getValue());
        }
        String hint = "";
        if (node instanceof ScalarNode scalar
                && scalar.getTag().equals(Tag.NULL)
                && scalar.getValue().equals("~")) {
            hint = "; a bare `~` is YAML's null: write `\"~\"` for the home directory";
        }
        return mismatch(node, path, expected, hint, problems);
    }

    static Optional<List<Node>> sequence(
            Node node, String path, String expected, Problems problems) {
        if (node instanceof SequenceNode sequence && !YamlStructure.isScreened(node)) {
            return Optional.of(sequence.getValue());
        }
        return mismatch(node, path, expected, "", problems);
    }

    static Optional<MappingNode> mapping(Node node, String path, Problems problems) {
        if (node instanceof MappingNode mapping && !YamlStructure.isScreened(node)) {
            return Optional.of(mapping);
        }
        return mismatch(node, path, "a mapping of keys", "", problems);
    }

    private static <T> Optional<T> mismatch(
            Node node, String path, String expected, String hint, Problems problems) {
        if (!YamlStructure.isScreened(node)) {
            problems.add(path, node, "expected " + expected + ", found " + describe(node) + hint);
        }
        return Optional.empty();
    }

    /** A YAML null: {@code key:} with nothing after it, {@code ~} or {@code null}. */
    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    /** What kind of value {@code node} is, without its content. */
    static String describe(Node node) {
        return switch (node) {
            case MappingNode mapping -> "a mapping";
            case SequenceNode sequence -> "a list";
            case ScalarNode scalar -> describeScalar(scalar);
            default -> "an unsupported node";
        };
    }

    private static String describeScalar(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.STR)) {
            return scalar.getValue().isEmpty() ? "an empty string" : "a string";
        }
        if (tag.equals(Tag.BOOL)) {
            return "a boolean";
        }
        if (tag.equals(Tag.INT)) {
            return "an integer";
        }
        if (tag.equals(Tag.FLOAT)) {
            return NON_FINITE.matcher(scalar.getValue()).matches()
                    ? "a non-finite number (`.nan`/`.inf` are never valid)"
                    : "a decimal number";
        }
        if (tag.equals(Tag.NULL)) {
            return "an empty value (null)";
        }
        if (tag.equals(Tag.ENV_TAG)) {
            return "a `${…}` variable, which Kato does not expand";
        }
        return "a value of an unsupported type";
    }
}

package dev.kato.writer;

import static java.util.Objects.requireNonNull;

import dev.kato.writer.MergeOutcome.Malformed;
import dev.kato.writer.MergeOutcome.Reason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Finds and reads the frontmatter block at the start of an existing file with snakeyaml-engine
 * (YAML 1.2 core schema, duplicate keys rejected, few aliases, bounded size and nesting). Values
 * are normalised to: null, String, Boolean, Long, BigInteger, Double, List, and Map with scalar
 * keys; anything else is {@link Reason#UNSUPPORTED_VALUE}.
 */
final class ExistingFrontmatter {
    private static final int MAX_DEPTH = 16;
    private static final int MAX_FLOW_DEPTH = 64;
    private static final int MAX_ALIASES = 16;

    private ExistingFrontmatter() {}

    /** What the start of an existing file holds. */
    sealed interface Read {}

    /** The file does not start with a frontmatter block. */
    record Absent() implements Read {}

    /**
     * A readable block.
     *
     * @param entries the top-level keys and values in file order
     * @param verbatim the block as it stands, delimiters included, ending in {@code \n}
     */
    record Found(Map<Object, @Nullable Object> entries, String verbatim) implements Read {
        Found {
            requireNonNull(entries, "entries");
            requireNonNull(verbatim, "verbatim");
        }

        @Override
        public String toString() {
            return "Found[keys=" + entries.size() + ", chars=" + verbatim.length() + "]";
        }
    }

    /** A block that is there but not understood. */
    record Broken(Malformed malformed) implements Read {}

    /** The delimited block only, without parsing it: for keeping it byte for byte. */
    static Read delimit(String text) {
        return locate(text, false);
    }

    /** The delimited block, parsed. */
    static Read read(String text) {
        return locate(text, true);
    }

    private static Read locate(String text, boolean parse) {
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        int firstEnd = lineEnd(text, start);
        if (!isDelimiter(text, start, firstEnd, false)) {
            return new Absent();
        }
        int pos = next(text, firstEnd);
        while (pos < text.length()) {
            if (pos - start > Frontmatter.MAX_EXISTING_CHARS) {
                return broken(Reason.TOO_LARGE, 0);
            }
            int end = lineEnd(text, pos);
            if (isDelimiter(text, pos, end, true)) {
                String yaml = text.substring(next(text, firstEnd), pos);
                String verbatim = text.substring(0, end) + "\n";
                return parse ? parse(yaml, verbatim) : new Found(Map.of(), verbatim);
            }
            pos = next(text, end);
        }
        boolean cutShort = text.length() - start > Frontmatter.MAX_EXISTING_CHARS;
        return broken(cutShort ? Reason.TOO_LARGE : Reason.UNTERMINATED, 0);
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    private static int next(String text, int lineEnd) {
        return Math.min(text.length(), lineEnd + 1);
    }

    /** Whether {@code text[from, to)} is {@code ---} (or {@code ...} when closing) plus blanks. */
    private static boolean isDelimiter(String text, int from, int to, boolean closing) {
        int end = to;
        while (end > from && " \t\r".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        if (end - from != 3) {
            return false;
        }
        return text.startsWith("---", from) || (closing && text.startsWith("...", from));
    }

    private static Read parse(String yaml, String verbatim) {
        if (flowDepth(yaml) > MAX_FLOW_DEPTH) {
            return broken(Reason.UNSUPPORTED_VALUE, 0);
        }
        Object loaded;
        try {
            loaded = new Load(settings()).loadFromString(yaml);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 2).orElse(0);
            return broken(Reason.INVALID_YAML, line);
        } catch (YamlEngineException | IllegalArgumentException | ArithmeticException e) {
            return broken(Reason.INVALID_YAML, 0);
        }
        if (loaded == null) {
            return new Found(Map.of(), verbatim);
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            return broken(Reason.NOT_A_MAPPING, 0);
        }
        try {
            @SuppressWarnings("unchecked")
            Map<Object, @Nullable Object> entries =
                    (Map<Object, @Nullable Object>) normalize(map, 0);
            return new Found(entries, verbatim);
        } catch (UnsupportedValueException e) {
            return broken(Reason.UNSUPPORTED_VALUE, 0);
        }
    }

    private static LoadSettings settings() {
        return LoadSettings.builder()
                .setLabel("frontmatter")
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(Frontmatter.MAX_EXISTING_CHARS + 1024)
                .setParseComments(false)
                .build();
    }

    /** Bracket nesting, counted coarsely (quotes ignored) to keep the parser's recursion small. */
    private static int flowDepth(String yaml) {
        int depth = 0;
        int max = 0;
        for (int i = 0; i < yaml.length(); i++) {
            char c = yaml.charAt(i);
            if (c == '[' || c == '{') {
                max = Math.max(max, ++depth);
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return max;
    }

    private static @Nullable Object normalize(@Nullable Object v, int depth)
            throws UnsupportedValueException {
        if (depth > MAX_DEPTH) {
            throw new UnsupportedValueException();
        }
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> i.longValue();
            case Long l -> l;
            case BigInteger b -> b;
            case Double d -> d;
            case Float f -> f.doubleValue();
            case List<?> list -> normalizeList(list, depth);
            case Map<?, ?> map -> normalizeMap(map, depth);
            default -> throw new UnsupportedValueException();
        };
    }

    private static List<@Nullable Object> normalizeList(List<?> list, int depth)
            throws UnsupportedValueException {
        List<@Nullable Object> out = new ArrayList<>(list.size());
        for (Object item : list) {
            out.add(normalize(item, depth + 1));
        }
        return out;
    }

    private static Map<Object, @Nullable Object> normalizeMap(Map<?, ?> map, int depth)
            throws UnsupportedValueException {
        Map<Object, @Nullable Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object key = normalize(e.getKey(), depth + 1);
            if (key == null || key instanceof List<?> || key instanceof Map<?, ?>) {
                throw new UnsupportedValueException();
            }
            out.put(key, normalize(e.getValue(), depth + 1));
        }
        return out;
    }

    private static Read broken(Reason reason, int line) {
        return new Broken(new Malformed(reason, line));
    }

    /** Internal signal, never thrown out of this class. */
    private static final class UnsupportedValueException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedValueException() {
            super(null, null, false, false);
        }
    }
}

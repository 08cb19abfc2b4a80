package dev.kato.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * One YAML mapping read against a section of the schema. Keeps the first occurrence of each key
 * (duplicates are reported by {@link YamlStructure}); typed getters fall back to the default after
 * recording a problem, so reading continues and every problem is found in one pass.
 */
final class YamlMapping {
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    YamlMapping(MappingNode node, String path, Problems problems) {
        this.path = path;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            if (YamlStructure.isStringKey(tuple.getKeyNode())) {
                entries.putIfAbsent(((ScalarNode) tuple.getKeyNode()).getValue(), tuple);
            }
        }
    }

    String path() {
        return path;
    }

    String childPath(String key) {
        return KeyPaths.child(path, key);
    }

    Map<String, NodeTuple> entries() {
        return entries;
    }

    /**
     * The value of {@code key}. A key without a value (YAML null) is a problem, not a request for
     * the default: it is reported here and treated as absent.
     */
    Optional<Node> value(String key) {
        Optional<Node> node = Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
        if (node.isPresent() && YamlValues.isNull(node.get())) {
            problems.add(
                    childPath(key),
                    node.get(),
                    "has no value (YAML null); give a value, or leave the key out to use its"
                            + " default");
            return Optional.empty();
        }
        return node;
    }

    /** Reports every key not in {@code known}, with a suggestion; {@code skip} keys are ignored. */
    void rejectUnknown(List<String> known, List<String> skip) {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            String key = entry.getKey();
            if (!known.contains(key) && !skip.contains(key)) {
                problems.add(
                        childPath(key),
                        entry.getValue().getKeyNode(),
                        KeySuggestions.unknownKeyMessage(key, path));
            }
        }
    }

    /** A nested section: absent, or a mapping whose unknown keys are reported. */
    Optional<YamlMapping> section(String key, List<String> known) {
        Optional<YamlMapping> section =
                value(key)
                        .flatMap(node -> YamlValues.mapping(node, childPath(key), problems))
                        .map(node -> new YamlMapping(node, childPath(key), problems));
        section.ifPresent(s -> s.rejectUnknown(known, List.of()));
        return section;
    }

    <T> T read(String key, T fallback, BiFunction<Node, String, Optional<T>> reader) {
        return value(key).flatMap(node -> reader.apply(node, childPath(key))).orElse(fallback);
    }

    boolean bool(String key, boolean fallback) {
        return read(key, fallback, (node, at) -> YamlValues.bool(node, at, problems));
    }

    int integer(String key, int fallback, int min, int max) {
        return read(
                key,
                fallback,
                (node, at) -> YamlValues.integer(node, at, min, max, problems).map(Long::intValue));
    }
}

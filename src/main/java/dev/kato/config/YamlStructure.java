package dev.kato.config;

import java.util.HashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Structural checks over the whole tree, independent of the schema: anchors, aliases, explicit
 * tags, keys that are not plain strings, and duplicate keys. Runs everywhere, including below
 * unknown keys, so nothing of this kind hides.
 */
final class YamlStructure {
    static final Tag ALIAS = new Tag(ScreenedYamlParser.ALIAS_TAG);
    static final Tag EXPLICIT = new Tag(ScreenedYamlParser.EXPLICIT_TAG);

    private YamlStructure() {}

    /** True for nodes this class reports, which schema checks then skip silently. */
    static boolean isScreened(Node node) {
        return node.getTag().equals(ALIAS) || node.getTag().equals(EXPLICIT);
    }

    /** A key usable for schema lookups: a scalar resolved as a string, not screened. */
    static boolean isStringKey(Node key) {
        return key instanceof ScalarNode && key.getTag().equals(Tag.STR);
    }

    static void check(Node node, String path, Problems problems) {
        checkNode(node, path, problems);
        switch (node) {
            case MappingNode mapping -> checkMapping(mapping, path, problems);
            case SequenceNode sequence -> {
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    check(sequence.getValue().get(i), KeyPaths.index(path, i), problems);
                }
            }
            default -> {}
        }
    }

    private static void checkNode(Node node, String path, Problems problems) {
        if (node.getAnchor().isPresent()) {
            problems.add(path, node, "YAML anchors (`&name`) are not allowed; write the value out");
        }
        if (node.getTag().equals(ALIAS)) {
            problems.add(path, node, "YAML aliases (`*name`) are not allowed; write the value out");
        } else if (node.getTag().equals(EXPLICIT)) {
            problems.add(
                    path, node, "explicit YAML tags (`!tag`, `!!type`) are not allowed; remove it");
        }
    }

    private static void checkMapping(MappingNode mapping, String path, Problems problems) {
        Map<String, Integer> firstLine = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            String childPath;
            if (isStringKey(key)) {
                String name = ((ScalarNode) key).getValue();
                childPath = KeyPaths.child(path, name);
                Integer first = firstLine.putIfAbsent(name, Problems.lineOf(key));
                if (first != null) {
                    problems.add(
                            childPath,
                            key,
                            "duplicate key (first defined on line " + first + "); keep one");
                }
            } else {
                childPath = KeyPaths.child(path, "<non-string key>");
                if (!isScreened(key)) {
                    problems.add(path, key, "keys must be plain strings");
                }
            }
            checkNode(key, childPath, problems);
            check(tuple.getValueNode(), childPath, problems);
        }
    }
}

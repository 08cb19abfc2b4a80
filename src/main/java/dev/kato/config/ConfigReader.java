package dev.kato.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a composed YAML tree into a {@link KatoConfig}, section by section, recording every problem
 * instead of stopping at the first. Keys left out take their defaults.
 */
final class ConfigReader {
    private final Environment env;
    private final Problems problems = new Problems();
    private final Problems notices = new Problems();
    private final SectionReaders values;

    /** A path from the file, with where it was written (for cross-checks). */
    record LocatedPath(Path path, String keyPath, int line) {}

    private ConfigReader(Environment env) {
        this.env = env;
        this.values = new SectionReaders(env, problems);
    }

    static ConfigResult read(Node root, Environment env, String sha256) {
        ConfigReader reader = new ConfigReader(env);
        KatoConfig config = reader.readRoot(root);
        if (!reader.problems.isEmpty() || config == null) {
            return new ConfigResult.Invalid(reader.problems.sorted());
        }
        return new ConfigResult.Loaded(config, sha256, reader.notices.sorted());
    }

    private @Nullable KatoConfig readRoot(Node root) {
        YamlStructure.check(root, "", problems);
        if (YamlValues.isNull(root)) {
            problems.add(
                    "",
                    0,
                    "the file has no settings; it needs at least `schemaVersion: 1` (`kato init`"
                            + " writes a full one)");
            return null;
        }
        if (!(root instanceof MappingNode mapping) || YamlStructure.isScreened(root)) {
            if (!YamlStructure.isScreened(root)) {
                problems.add(
                        "",
                        root,
                        "the top level must be a mapping of keys such as `schemaVersion: 1`,"
                                + " found "
                                + YamlValues.describe(root));
            }
            return null;
        }
        YamlMapping top = new YamlMapping(mapping, "", problems);
        top.rejectUnknown(ConfigKeys.ROOT, RetiredKeys.NAMES);
        top.entries()
                .forEach((key, tuple) -> {
                    if (RetiredKeys.isRetired(key)) {
                        RetiredKeys.check(tuple, key, env, problems, notices);
                    }
                });
        return readSections(top, Problems.lineOf(root));
    }

    private KatoConfig readSections(YamlMapping top, int rootLine) {
        readSchemaVersion(top, rootLine);
        Map<String, List<LocatedPath>> sessionRoots = readProviderRoots(top);
        List<LocatedPath> writeRoots =
                top.value(ConfigKeys.ALLOWED_WRITE_ROOTS)
                        .map(node -> values.pathList(node, ConfigKeys.ALLOWED_WRITE_ROOTS))
                        .orElseGet(() ->
                                defaults(
                                        KatoConfig.defaultAllowedWriteRoots(env),
                                        ConfigKeys.ALLOWED_WRITE_ROOTS));
        new RootChecks(env, problems).check(writeRoots, sessionRoots);
        return new KatoConfig(
                KatoConfig.SCHEMA_VERSION,
                new ProviderSessionRoots(
                        paths(sessionRoots.get("claude")),
                        paths(sessionRoots.get("codex")),
                        paths(sessionRoots.get("gemini"))),
                paths(writeRoots),
                values.frontmatter(
                        top.section(ConfigKeys.MARKDOWN_FRONTMATTER, ConfigKeys.FRONTMATTER)),
                values.featureFlags(top.section(ConfigKeys.FEATURE_FLAGS, ConfigKeys.FLAGS)),
                values.logging(top.section(ConfigKeys.LOGGING, ConfigKeys.LOGGING_KEYS)),
                top.read(ConfigKeys.TIME_ZONE, Optional.empty(), values::timeZone),
                values.writer(top.section(ConfigKeys.WRITER, ConfigKeys.WRITER_KEYS)),
                values.ingest(top.section(ConfigKeys.INGEST, ConfigKeys.INGEST_KEYS)),
                values.commands(top.section(ConfigKeys.COMMANDS, ConfigKeys.COMMANDS_KEYS)),
                values.sandbox(top.section(ConfigKeys.SANDBOX, ConfigKeys.SANDBOX_KEYS)));
    }

    private void readSchemaVersion(YamlMapping top, int rootLine) {
        if (!top.entries().containsKey(ConfigKeys.SCHEMA_VERSION)) {
            problems.add(
                    ConfigKeys.SCHEMA_VERSION,
                    rootLine,
                    "required: add `schemaVersion: 1` at the top of the file");
            return;
        }
        Optional<Node> node = top.value(ConfigKeys.SCHEMA_VERSION);
        if (node.isEmpty()) {
            return;
        }
        YamlValues.integer(
                        node.get(),
                        ConfigKeys.SCHEMA_VERSION,
                        Long.MIN_VALUE,
                        Long.MAX_VALUE,
                        problems)
                .filter(version -> version != KatoConfig.SCHEMA_VERSION)
                .ifPresent(version ->
                        problems.add(
                                ConfigKeys.SCHEMA_VERSION,
                                node.get(),
                                "unsupported schema version; this Kato reads"
                                        + " `schemaVersion: 1`"));
    }

    private Map<String, List<LocatedPath>> readProviderRoots(YamlMapping top) {
        Optional<YamlMapping> section =
                top.section(ConfigKeys.PROVIDER_SESSION_ROOTS, ConfigKeys.PROVIDERS);
        ProviderSessionRoots fallback = ProviderSessionRoots.defaults(env.home());
        Map<String, List<LocatedPath>> roots = new LinkedHashMap<>();
        for (Map.Entry<String, List<Path>> entry : fallback.byProviderId().entrySet()) {
            String id = entry.getKey();
            String at = KeyPaths.child(ConfigKeys.PROVIDER_SESSION_ROOTS, id);
            roots.put(
                    id,
                    section.flatMap(s -> s.value(id))
                            .map(node -> values.pathList(node, at))
                            .orElseGet(() -> defaults(entry.getValue(), at)));
        }
        return roots;
    }

    private static List<LocatedPath> defaults(List<Path> paths, String at) {
        List<LocatedPath> located = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            located.add(new LocatedPath(paths.get(i), KeyPaths.index(at, i), 0));
        }
        return located;
    }

    private static List<Path> paths(List<LocatedPath> located) {
        return located.stream().map(LocatedPath::path).toList();
    }
}

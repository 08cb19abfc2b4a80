package dev.kato.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Top-level keys of the earlier Kato's in-memory snapshot machinery. Each is accepted, with a
 * notice and no effect, only when its value describes what Kato does anyway; any other value is a
 * problem whose message says why the key no longer applies and what to do instead.
 */
final class RetiredKeys {
    private static final String IGNORED =
            "retired key, ignored: its value matches what Kato always does; delete the line";

    static final List<String> NAMES =
            List.of(
                    "globalAutoGenerateSnapshots",
                    "providerAutoGenerateSnapshots",
                    "daemonMaxMemoryMb",
                    "cleanSessionStatesOnShutdown",
                    "runtimeDir",
                    "statusPath",
                    "controlPath",
                    "katoDir");

    /** One retired key: when it is still harmless, and the migration message otherwise. */
    private record Retired(Predicate<Node> stillTrue, String migration) {}

    private static final String SNAPSHOTS =
            "the earlier Kato's optional session snapshots are gone: Kato always keeps every"
                    + " session in its vault (KATO_HOME/sessions), so this cannot be switched"
                    + " off; remove the key and prune with `kato clean --sessions DAYS`";
    private static final String MEMORY =
            "Kato no longer keeps sessions in memory (it streams from the vault), so there is no"
                    + " memory budget to set; remove the key";
    private static final String CLEAN =
            "the vault must survive restarts so that each in-chat command runs exactly once, so"
                    + " it is never deleted on shutdown; remove the key and prune with `kato clean"
                    + " --sessions DAYS`";
    private static final String RUNTIME =
            "the runtime directory is always KATO_HOME/runtime; to move it set the KATO_HOME"
                    + " environment variable, then remove this key";
    private static final String RUNTIME_FILES =
            "the daemon's status snapshot and control socket always live in KATO_HOME/runtime;"
                    + " remove this key (set KATO_HOME to move them)";
    private static final String KATO_DIR =
            "Kato's directory is set by the KATO_HOME environment variable (default ~/.kato), not"
                    + " by the config; remove this key";

    private RetiredKeys() {}

    static boolean isRetired(String key) {
        return NAMES.contains(key);
    }

    static void check(
            NodeTuple tuple, String key, Environment env, Problems problems, Problems notices) {
        Retired retired = describe(key, env);
        if (retired.stillTrue().test(tuple.getValueNode())) {
            notices.add(key, tuple.getKeyNode(), IGNORED);
        } else {
            problems.add(key, tuple.getKeyNode(), "retired key: " + retired.migration());
        }
    }

    private static Retired describe(String key, Environment env) {
        return switch (key) {
            case "globalAutoGenerateSnapshots" -> new Retired(RetiredKeys::isTrue, SNAPSHOTS);
            case "providerAutoGenerateSnapshots" -> new Retired(RetiredKeys::allTrue, SNAPSHOTS);
            case "daemonMaxMemoryMb" -> new Retired(node -> false, MEMORY);
            case "cleanSessionStatesOnShutdown" -> new Retired(RetiredKeys::isFalse, CLEAN);
            case "runtimeDir" -> new Retired(names(env, env.runtimeDir()), RUNTIME);
            case "statusPath", "controlPath" ->
                    new Retired(
                            node ->
                                    path(node, env)
                                            .map(Path::getParent)
                                            .filter(env.runtimeDir()::equals)
                                            .isPresent(),
                            RUNTIME_FILES);
            case "katoDir" -> new Retired(names(env, env.katoHome()), KATO_DIR);
            default -> throw new IllegalArgumentException("not a retired key: " + key);
        };
    }

    /** True when the node is a path string naming exactly {@code expected}. */
    private static Predicate<Node> names(Environment env, Path expected) {
        return node -> path(node, env).filter(expected::equals).isPresent();
    }

    private static boolean isTrue(Node node) {
        return node instanceof ScalarNode scalar
                && scalar.getTag().equals(Tag.BOOL)
                && scalar.getValue().toLowerCase(Locale.ROOT).equals("true");
    }

    private static boolean isFalse(Node node) {
        return node instanceof ScalarNode scalar
                && scalar.getTag().equals(Tag.BOOL)
                && scalar.getValue().toLowerCase(Locale.ROOT).equals("false");
    }

    /** A mapping of provider ids to {@code true}, e.g. {@code {claude: true, codex: true}}. */
    private static boolean allTrue(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            return false;
        }
        List<NodeTuple> tuples = mapping.getValue();
        return tuples.stream()
                .allMatch(t ->
                        t.getKeyNode() instanceof ScalarNode key
                                && ConfigKeys.PROVIDERS.contains(key.getValue())
                                && isTrue(t.getValueNode()));
    }

    private static Optional<Path> path(Node node, Environment env) {
        if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.STR)) {
            return Optional.empty();
        }
        return switch (ConfigPaths.parse(scalar.getValue(), env.home())) {
            case ConfigPaths.Outcome.Accepted(Path path) -> Optional.of(path);
            case ConfigPaths.Outcome.Rejected rejected -> Optional.empty();
        };
    }
}

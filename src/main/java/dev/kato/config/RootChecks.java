package dev.kato.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-checks of the configured roots against each other and against {@code KATO_HOME}:
 *
 * <ul>
 *   <li>inside {@code KATO_HOME} only {@code recordings/} and {@code exports/} may be write roots;
 *   <li>no write root may lie inside a provider session root, and no session root may contain
 *       {@code KATO_HOME} or lie inside one of its directories (either way Kato would read its own
 *       output back as sessions).
 * </ul>
 *
 * These are lexical checks on normalized paths; the write policy resolves symlinks when it decides
 * on an actual destination.
 */
final class RootChecks {
    private final Environment env;
    private final Problems problems;

    RootChecks(Environment env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    void check(
            List<ConfigReader.LocatedPath> writeRoots,
            Map<String, List<ConfigReader.LocatedPath>> sessionRoots) {
        Map<String, List<ConfigReader.LocatedPath>> usable = new LinkedHashMap<>();
        sessionRoots.forEach(
                (id, roots) -> usable.put(id, roots.stream().filter(this::isUsable).toList()));
        for (ConfigReader.LocatedPath root : writeRoots) {
            checkWriteRootInKatoHome(root);
            checkWriteRootInSessionRoots(root, usable);
        }
    }

    private void checkWriteRootInKatoHome(ConfigReader.LocatedPath root) {
        Path path = root.path();
        if (path.startsWith(env.katoHome())
                && !path.startsWith(env.recordingsDir())
                && !path.startsWith(env.exportsDir())) {
            problems.add(
                    root.keyPath(),
                    root.line(),
                    "lies inside KATO_HOME, where only `recordings/` and `exports/` may ever be"
                            + " written; choose one of those or a directory outside KATO_HOME");
        }
    }

    private void checkWriteRootInSessionRoots(
            ConfigReader.LocatedPath root,
            Map<String, List<ConfigReader.LocatedPath>> sessionRoots) {
        for (Map.Entry<String, List<ConfigReader.LocatedPath>> provider : sessionRoots.entrySet()) {
            for (ConfigReader.LocatedPath sessionRoot : provider.getValue()) {
                if (root.path().startsWith(sessionRoot.path())) {
                    problems.add(
                            root.keyPath(),
                            root.line(),
                            "lies inside a session root of "
                                    + provider.getKey()
                                    + ", so Kato would read its own output back as sessions;"
                                    + " choose a directory outside the providers' session roots");
                }
            }
        }
    }

    /** Reports a session root that overlaps Kato's own directories; true if it does not. */
    private boolean isUsable(ConfigReader.LocatedPath sessionRoot) {
        Path path = sessionRoot.path();
        boolean insideKatoDir =
                List.of(
                                env.runtimeDir(),
                                env.sessionsDir(),
                                env.logsDir(),
                                env.recordingsDir(),
                                env.exportsDir())
                        .stream()
                        .anyMatch(path::startsWith);
        if (insideKatoDir || env.katoHome().startsWith(path)) {
            problems.add(
                    sessionRoot.keyPath(),
                    sessionRoot.line(),
                    "overlaps KATO_HOME, so Kato would read its own files as sessions; name the"
                            + " provider's own log directory");
            return false;
        }
        return true;
    }
}

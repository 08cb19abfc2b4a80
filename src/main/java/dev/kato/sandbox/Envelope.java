package dev.kato.sandbox;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one confined process may touch, per role ({@code security.md} §5). The grants here are the
 * role's own; {@link WorkerRuntime#rules} adds what any JVM needs to run (its JDK, Kato's modules,
 * system libraries). Nothing else is readable, writable or executable, no TCP port is reachable,
 * and the environment is built here from nothing.
 */
public sealed interface Envelope
        permits Envelope.Orchestrator,
                Envelope.ProviderWorker,
                Envelope.WriterWorker,
                Envelope.Export {

    /** The one constant variable a worker gets: UTF-8 path names without inheriting a locale. */
    Map<String, String> WORKER_ENVIRONMENT = Map.of("LC_ALL", "C.UTF-8");

    /** The names the orchestrator may inherit from its parent's environment; nothing else. */
    Set<String> ORCHESTRATOR_PASSED_THROUGH =
            Set.of("KATO_HOME", "KATO_CONFIG_PATH", "HOME", "LANG", "LC_ALL", "TZ");

    Role role();

    /** The variable names a process of {@code role} may have; the probes check exactly this. */
    static Set<String> allowedEnvironmentNames(Role role) {
        return role == Role.ORCHESTRATOR
                ? ORCHESTRATOR_PASSED_THROUGH
                : WORKER_ENVIRONMENT.keySet();
    }

    /** The role's filesystem grants, beyond the runtime's. */
    List<PathRule> grants();

    /**
     * The complete environment of the process, derived from (never copied wholesale from) the
     * parent's.
     */
    Map<String, String> environment(Map<String, String> parentEnvironment);

    /** A provider worker: reads its provider's session roots; writes nothing. */
    record ProviderWorker(List<Path> sessionRoots) implements Envelope {
        public ProviderWorker {
            sessionRoots = List.copyOf(sessionRoots);
        }

        @Override
        public Role role() {
            return Role.PROVIDER_WORKER;
        }

        @Override
        public List<PathRule> grants() {
            return sessionRoots.stream().map(r -> new PathRule(r, FsAccess.READ)).toList();
        }

        @Override
        public Map<String, String> environment(Map<String, String> parentEnvironment) {
            return WORKER_ENVIRONMENT;
        }
    }

    /**
     * A destination writer: rewrites its one destination file in place ({@link WriteScope#FILE}),
     * or creates/replaces files directly in that file's directory ({@link WriteScope#DIRECTORY},
     * needed to create it or to replace it atomically). In both scopes it may read the destination
     * file itself (to merge), and nothing else outside its runtime.
     */
    record WriterWorker(Path destination, WriteScope scope) implements Envelope {
        public WriterWorker {
            requireNonNull(destination, "destination");
            requireNonNull(scope, "scope");
            if (!destination.isAbsolute() || destination.getParent() == null) {
                throw new IllegalArgumentException("a writer needs an absolute file path");
            }
        }

        @Override
        public Role role() {
            return Role.WRITER_WORKER;
        }

        @Override
        public List<PathRule> grants() {
            List<PathRule> rules = new ArrayList<>();
            rules.add(new PathRule(destination, FsAccess.WRITE_FILE));
            if (scope == WriteScope.DIRECTORY) {
                rules.add(new PathRule(destination.getParent(), FsAccess.REPLACE_IN_DIRECTORY));
            }
            return List.copyOf(rules);
        }

        @Override
        public Map<String, String> environment(Map<String, String> parentEnvironment) {
            return WORKER_ENVIRONMENT;
        }
    }

    /**
     * The one-shot export ({@code kato export}): reads its one session's input (the provider log
     * files, or the session's vault directory) and the config file (to re-make the policy decision
     * itself); replaces files in the destination's directory only ({@link
     * FsAccess#EXPORT_DIRECTORY}). The directory must exist when the process starts.
     */
    record Export(List<Path> inputs, Path configFile, Path destinationDirectory)
            implements Envelope {
        public Export {
            inputs = List.copyOf(inputs);
            requireNonNull(configFile, "configFile");
            requireNonNull(destinationDirectory, "destinationDirectory");
        }

        @Override
        public Role role() {
            return Role.EXPORT;
        }

        @Override
        public List<PathRule> grants() {
            List<PathRule> rules = new ArrayList<>();
            for (Path input : inputs) {
                rules.add(new PathRule(input, FsAccess.READ));
            }
            rules.add(new PathRule(configFile, FsAccess.READ));
            rules.add(new PathRule(destinationDirectory, FsAccess.EXPORT_DIRECTORY));
            return List.copyOf(rules);
        }

        @Override
        public Map<String, String> environment(Map<String, String> parentEnvironment) {
            return WORKER_ENVIRONMENT;
        }
    }

    /**
     * The orchestrator daemon: reads its config, owns {@code KATO_HOME}; spawns workers. Landlock
     * domains only nest, so a worker it starts can reach only what the orchestrator can: {@code
     * forWorkers} are grants it holds solely to hand on (e.g. read on provider session roots).
     */
    record Orchestrator(Path katoHome, Path configFile, List<PathRule> forWorkers)
            implements Envelope {
        public Orchestrator {
            requireNonNull(katoHome, "katoHome");
            requireNonNull(configFile, "configFile");
            forWorkers = List.copyOf(forWorkers);
        }

        /**
         * The envelope of a daemon with these roots: read on each provider session root and {@link
         * FsAccess#DESTINATION_TREE} beneath each allowed write root outside {@code katoHome}, each
         * only if it is a directory now (Landlock grants only existing paths), read on each of
         * {@code readFiles} that is a regular file now (the prompt-history files it checks commands
         * against), and read on the workers' AOT cache, which every worker it starts maps.
         */
        public static Orchestrator forDaemon(
                Path katoHome,
                Path configFile,
                Collection<Path> providerRoots,
                Collection<Path> writeRoots,
                Collection<Path> readFiles,
                Optional<Path> workerAotCache) {
            List<PathRule> forWorkers = new ArrayList<>();
            for (Path root : providerRoots) {
                if (Files.isDirectory(root)) {
                    forWorkers.add(new PathRule(root, FsAccess.READ));
                }
            }
            for (Path root : writeRoots) {
                if (!root.startsWith(katoHome) && Files.isDirectory(root)) {
                    forWorkers.add(new PathRule(root, FsAccess.DESTINATION_TREE));
                }
            }
            for (Path file : readFiles) {
                if (Files.isRegularFile(file)) {
                    forWorkers.add(new PathRule(file, FsAccess.READ));
                }
            }
            workerAotCache.ifPresent(a -> forWorkers.add(new PathRule(a, FsAccess.READ)));
            return new Orchestrator(katoHome, configFile, forWorkers);
        }

        @Override
        public Role role() {
            return Role.ORCHESTRATOR;
        }

        @Override
        public List<PathRule> grants() {
            List<PathRule> rules = new ArrayList<>();
            rules.add(new PathRule(katoHome, FsAccess.READ_WRITE_TREE));
            rules.add(new PathRule(configFile, FsAccess.READ));
            rules.addAll(forWorkers);
            return List.copyOf(rules);
        }

        @Override
        public Map<String, String> environment(Map<String, String> parentEnvironment) {
            Map<String, String> env = new TreeMap<>();
            parentEnvironment.forEach((name, value) -> {
                if (ORCHESTRATOR_PASSED_THROUGH.contains(name)) {
                    env.put(name, value);
                }
            });
            return Map.copyOf(env);
        }
    }

    /** How much of a writer's destination directory it may change. */
    enum WriteScope {
        FILE,
        DIRECTORY
    }
}

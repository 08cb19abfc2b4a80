package dev.kato.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/** The outcome of loading a configuration file. */
public sealed interface ConfigResult {

    /**
     * The file is valid.
     *
     * @param config the validated configuration
     * @param sha256 lower-case hex SHA-256 of the file's bytes (the audit log's policy version)
     * @param notices retired keys that were accepted because they still describe what Kato does;
     *     they have no effect and may be deleted
     */
    record Loaded(KatoConfig config, String sha256, List<ConfigProblem> notices)
            implements ConfigResult {
        public Loaded {
            requireNonNull(config, "config");
            requireNonNull(sha256, "sha256");
            notices = List.copyOf(notices);
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
            }
        }
    }

    /** The file exists but is not a valid configuration; every problem found is listed. */
    record Invalid(List<ConfigProblem> problems) implements ConfigResult {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an Invalid result needs at least one problem");
            }
        }
    }

    /** There is no file at {@code path} (the caller decides: {@code kato start} creates one). */
    record Missing(Path path) implements ConfigResult {
        public Missing {
            requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return "Missing[path=<" + path.getFileName() + ">]";
        }
    }
}

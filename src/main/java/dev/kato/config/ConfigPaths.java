package dev.kato.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rules for directory paths written in the config file and in {@code KATO_*} variables: {@code
 * ~} and {@code ~/…} expand to the home directory, {@code ~user} is rejected, the result must be
 * absolute, {@code ..} is rejected (lexical normalisation would not match what the kernel resolves
 * through symlinks), and control characters and back-slashes are rejected outright.
 */
final class ConfigPaths {
    static final int MAX_PATH_CHARS = 4096;

    /** The outcome of reading one path string. */
    sealed interface Outcome {
        record Accepted(Path path) implements Outcome {}

        record Rejected(String reason) implements Outcome {}
    }

    private ConfigPaths() {}

    static Outcome parse(String raw, Path home) {
        String problem = lexicalProblem(raw);
        if (problem != null) {
            return new Outcome.Rejected(problem);
        }
        String expanded;
        if (raw.equals("~")) {
            expanded = home.toString();
        } else if (raw.startsWith("~/")) {
            expanded = home + raw.substring(1);
        } else if (raw.startsWith("~")) {
            return new Outcome.Rejected("`~user` paths are not supported; write the absolute path");
        } else {
            expanded = raw;
        }
        Path path;
        try {
            path = Path.of(expanded);
        } catch (InvalidPathException e) {
            return new Outcome.Rejected("is not a valid path");
        }
        if (!path.isAbsolute()) {
            return new Outcome.Rejected("must be an absolute path (or start with `~/`)");
        }
        for (Path part : path) {
            if (part.toString().equals("..")) {
                return new Outcome.Rejected(
                        "must not contain `..`; write the directory it is meant to name");
            }
        }
        return new Outcome.Accepted(path.normalize());
    }

    private static @Nullable String lexicalProblem(String raw) {
        if (raw.isEmpty()) {
            return "must not be empty";
        }
        if (raw.length() > MAX_PATH_CHARS) {
            return "is longer than " + MAX_PATH_CHARS + " characters";
        }
        if (raw.codePoints().anyMatch(ConfigPaths::isControl)) {
            return "must not contain control characters (NUL, newline, escape, …)";
        }
        if (raw.indexOf('\\') >= 0) {
            return "must not contain back-slashes";
        }
        if (!raw.strip().equals(raw)) {
            return "must not start or end with white space";
        }
        return null;
    }

    static boolean isControl(int cp) {
        return Character.getType(cp) == Character.CONTROL
                || cp == 0x2028
                || cp == 0x2029
                || cp == 0xFEFF;
    }

    /** For record constructors: a programming error if {@code path} is not absolute and clean. */
    static Path requireAbsoluteNormalized(Path path, String name) {
        if (!path.isAbsolute() || !path.normalize().equals(path)) {
            throw new IllegalArgumentException(name + " must be absolute and normalized");
        }
        return path;
    }

    static List<Path> requireAbsoluteNormalized(List<Path> paths, String name) {
        List<Path> copy = List.copyOf(paths);
        copy.forEach(p -> requireAbsoluteNormalized(p, name));
        if (copy.stream().distinct().count() != copy.size()) {
            throw new IllegalArgumentException(name + " must not contain duplicates");
        }
        return copy;
    }

    /** {@code ~} or {@code ~/…} when {@code path} is the home directory or below it. */
    static String abbreviate(Path path, Path home) {
        if (path.equals(home)) {
            return "~";
        }
        if (path.startsWith(home) && !home.equals(home.getRoot())) {
            return "~/" + home.relativize(path);
        }
        return path.toString();
    }
}

package dev.kato.sandbox;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** One Landlock grant: {@code access} beneath {@code path} (a file or a directory). */
public record PathRule(Path path, FsAccess access) {
    public PathRule {
        requireNonNull(path, "path");
        requireNonNull(access, "access");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("a sandbox rule needs an absolute path: " + path);
        }
    }
}

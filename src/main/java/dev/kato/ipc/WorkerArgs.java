package dev.kato.ipc;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** Strict checks for the paths in a worker's argument list. */
final class WorkerArgs {
    private WorkerArgs() {}

    /** An absolute path from an argument; a one-line refusal otherwise. */
    static Path path(String s) {
        if (s.isEmpty() || s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad path");
        }
        return absolute(Path.of(s));
    }

    static Path absolute(Path p) {
        requireNonNull(p, "path");
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("paths must be absolute");
        }
        return p;
    }
}

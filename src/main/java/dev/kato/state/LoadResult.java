package dev.kato.state;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * What loading a state file found.
 *
 * @param <T> the state type
 */
public sealed interface LoadResult<T>
        permits LoadResult.Missing,
                LoadResult.Loaded,
                LoadResult.Quarantined,
                LoadResult.Unreadable {

    /** No file: the state has never been saved (or was quarantined earlier). */
    record Missing<T>() implements LoadResult<T> {}

    /** The file was valid. */
    record Loaded<T>(T value) implements LoadResult<T> {
        public Loaded {
            requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Loaded[]";
        }
    }

    /** The file was invalid and has been moved to {@code quarantinedTo}. */
    record Quarantined<T>(Path quarantinedTo, String reason) implements LoadResult<T> {
        public Quarantined {
            requireNonNull(quarantinedTo, "quarantinedTo");
            requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "Quarantined[reason=" + reason + "]";
        }
    }

    /**
     * The file was invalid but the store is read-only, so it was left in place for the owner to
     * quarantine.
     */
    record Unreadable<T>(String reason) implements LoadResult<T> {
        public Unreadable {
            requireNonNull(reason, "reason");
        }
    }
}

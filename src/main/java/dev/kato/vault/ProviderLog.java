package dev.kato.vault;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A provider log file the vault knows for a session, with the caller's opaque cursor, if any. */
public record ProviderLog(Path path, @Nullable String cursor) {
    public ProviderLog {
        requireNonNull(path, "path");
    }

    public Optional<String> tryCursor() {
        return Optional.ofNullable(cursor);
    }

    @Override
    public String toString() {
        // Paths usually sit under $HOME; print neither the path nor the cursor.
        return "ProviderLog[hasCursor=" + (cursor != null) + "]";
    }
}

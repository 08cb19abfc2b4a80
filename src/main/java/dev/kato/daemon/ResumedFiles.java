package dev.kato.daemon;

import dev.kato.ingest.IngestCursor;
import dev.kato.vault.VaultSessionInfo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which session files the daemon has followed before, and the cursor it stored last for each. A
 * file is resumed when reading it picks up where an earlier reader stopped (a cursor was stored, or
 * it was found while running): content found in it at a reader's start may then run commands within
 * {@code commands.maxAge}, while history found on first sight never does. Thread-safe.
 */
final class ResumedFiles {
    private final Map<Path, Boolean> resumed = new ConcurrentHashMap<>();
    private final Map<Path, IngestCursor> stored = new ConcurrentHashMap<>();

    /** The cursor the vault stored for each provider log of {@code sessions}, by absolute path. */
    static Map<Path, IngestCursor> storedIn(List<VaultSessionInfo> sessions) {
        Map<Path, IngestCursor> cursors = new HashMap<>();
        for (VaultSessionInfo info : sessions) {
            for (var log : info.providerLogs()) {
                CursorText.decode(log.cursor())
                        .ifPresent(c -> cursors.put(log.path().toAbsolutePath().normalize(), c));
            }
        }
        return cursors;
    }

    /** The cursors loaded from the vault at start: those files are resumed. */
    void loaded(Map<Path, IngestCursor> cursors) {
        cursors.keySet().forEach(p -> resumed.put(p, true));
        stored.putAll(cursors);
    }

    /** A batch of {@code path} is stored up to {@code cursor}. */
    void stored(Path path, IngestCursor cursor) {
        stored.put(path, cursor);
    }

    /** {@code path} was found while running. */
    void foundLive(Path path) {
        resumed.put(path, true);
    }

    boolean isResumed(Path path) {
        return resumed.getOrDefault(path, false);
    }

    /**
     * The stored cursors of the files under {@code roots}, for a reader that (re)starts; those
     * files count as resumed from now on.
     */
    Map<Path, IngestCursor> resume(List<Path> roots) {
        Map<Path, IngestCursor> out = new HashMap<>();
        stored.forEach((path, cursor) -> {
            if (roots.stream().anyMatch(path::startsWith)) {
                out.put(path, cursor);
                resumed.put(path, true);
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "ResumedFiles[resumed=" + resumed.size() + ", cursors=" + stored.size() + "]";
    }
}

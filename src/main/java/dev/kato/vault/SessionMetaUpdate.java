package dev.kato.vault;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the caller adds to a session's metadata with an append: provider log paths it knows of and
 * new opaque cursors per log (a cursor also registers its log). Cursors are recorded in the same
 * atomic {@code meta.json} replace that commits the appended events, so a cursor never runs ahead
 * of the events it covers.
 *
 * @param knownLogs absolute provider log paths
 * @param cursors absolute provider log path → opaque cursor (at most {@link #MAX_CURSOR_CHARS})
 */
public record SessionMetaUpdate(Set<Path> knownLogs, Map<Path, String> cursors) {
    public static final int MAX_CURSOR_CHARS = 4096;
    private static final SessionMetaUpdate NONE = new SessionMetaUpdate(Set.of(), Map.of());

    public SessionMetaUpdate {
        knownLogs = Set.copyOf(knownLogs);
        cursors = Map.copyOf(cursors);
        for (Path p : knownLogs) {
            checkPath(p);
        }
        for (Map.Entry<Path, String> e : cursors.entrySet()) {
            checkPath(e.getKey());
            if (e.getValue().length() > MAX_CURSOR_CHARS) {
                throw new IllegalArgumentException(
                        "cursor length must be <= "
                                + MAX_CURSOR_CHARS
                                + ", was "
                                + e.getValue().length());
            }
        }
    }

    /** Nothing to add. */
    public static SessionMetaUpdate none() {
        return NONE;
    }

    /** Records {@code cursor} for {@code log}. */
    public static SessionMetaUpdate cursor(Path log, String cursor) {
        return new SessionMetaUpdate(Set.of(), Map.of(log, cursor));
    }

    /** This update plus {@code log} as a known log. */
    public SessionMetaUpdate withLog(Path log) {
        Set<Path> logs = new HashSet<>(knownLogs);
        logs.add(requireNonNull(log, "log"));
        return new SessionMetaUpdate(logs, cursors);
    }

    /** This update plus {@code cursor} for {@code log}. */
    public SessionMetaUpdate withCursor(Path log, String cursor) {
        Map<Path, String> map = new HashMap<>(cursors);
        map.put(requireNonNull(log, "log"), requireNonNull(cursor, "cursor"));
        return new SessionMetaUpdate(knownLogs, map);
    }

    boolean isEmpty() {
        return knownLogs.isEmpty() && cursors.isEmpty();
    }

    private static void checkPath(Path p) {
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("provider log paths must be absolute");
        }
    }

    @Override
    public String toString() {
        return "SessionMetaUpdate[logs=" + knownLogs.size() + ", cursors=" + cursors.size() + "]";
    }
}

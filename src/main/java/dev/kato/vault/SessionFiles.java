package dev.kato.vault;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/** The files of one session directory, {@code <vault>/<katoSessionId>/}. */
record SessionFiles(UUID id, Path dir) {
    static final String EVENTS = "events.jsonl";
    static final String META = "meta.json";

    static SessionFiles of(Path root, UUID id) {
        return new SessionFiles(id, root.resolve(id.toString()));
    }

    /** The session directory named {@code name}, if it is a canonical UUID. */
    static Optional<SessionFiles> tryParse(Path root, String name) {
        try {
            UUID id = UUID.fromString(name);
            return id.toString().equals(name) ? Optional.of(of(root, id)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    Path events() {
        return dir.resolve(EVENTS);
    }

    Path meta() {
        return dir.resolve(META);
    }

    Path index() {
        return dir.resolve(IdIndex.FILE_NAME);
    }
}

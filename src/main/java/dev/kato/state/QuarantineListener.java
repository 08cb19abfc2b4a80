package dev.kato.state;

import java.nio.file.Path;

/**
 * Told whenever a corrupt file is moved aside. Implementations typically write an audit record. The
 * reason is a fixed, content-free description; no file content is ever passed.
 */
@FunctionalInterface
public interface QuarantineListener {
    /** A listener that ignores reports (tests, tools without an audit log). */
    QuarantineListener IGNORE = (original, quarantinedTo, reason) -> {};

    /**
     * @param original the path the file had
     * @param quarantinedTo where its bytes are now
     * @param reason why, without any content of the file
     */
    void quarantined(Path original, Path quarantinedTo, String reason);
}

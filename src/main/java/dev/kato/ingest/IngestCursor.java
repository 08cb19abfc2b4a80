package dev.kato.ingest;

import static java.util.Objects.requireNonNull;

/**
 * Where reading of one session file stopped: the file's identity and the byte offset just after the
 * last complete line consumed. The daemon persists it once the events before it are durably
 * handled, and hands it back to {@link LiveIngest} on the next start.
 *
 * <p>For a Gemini legacy {@code .json} document the offset is always 0: the whole document is
 * re-read and the consumer deduplicates by event id.
 *
 * @param fileKey the file system's identity of the file ({@code (dev=…,ino=…)} on Linux), or empty
 *     when the file system has none; a different key at the same path means the file was replaced
 * @param offset bytes consumed, never in the middle of a line
 */
public record IngestCursor(String fileKey, long offset) {
    public IngestCursor {
        requireNonNull(fileKey, "fileKey");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }
}

package dev.kato.daemon;

import dev.kato.ingest.IngestCursor;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A provider log's read cursor as the text kept in the vault's session metadata: {@code
 * offset:fileKey}.
 */
final class CursorText {
    private CursorText() {}

    static String encode(IngestCursor cursor) {
        return cursor.offset() + ":" + cursor.fileKey();
    }

    /** The cursor, or empty for missing or unreadable text (the log is then read from byte 0). */
    static Optional<IngestCursor> decode(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        try {
            return colon < 0
                    ? Optional.empty()
                    : Optional.of(
                            new IngestCursor(
                                    text.substring(colon + 1),
                                    Long.parseLong(text.substring(0, colon))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

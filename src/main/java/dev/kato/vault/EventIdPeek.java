package dev.kato.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads only the {@code eventId} of a canonical line, from its first bytes: the id is the second
 * field, so {@link #PREFIX_BYTES} always cover it (512 chars, six bytes each when escaped).
 */
final class EventIdPeek {
    static final int PREFIX_BYTES = 4096;

    private static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxNestingDepth(8)
                                    .maxStringLength(PREFIX_BYTES)
                                    .build())
                    .build();

    private EventIdPeek() {}

    /** The event id of the line whose bytes start at {@code off}, or null if it has none. */
    static @Nullable String eventIdOrNull(byte[] bytes, int off, int len) {
        int n = Math.min(len, PREFIX_BYTES);
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), bytes, off, n)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (int field = 0; field < 2; field++) {
                if (p.nextToken() != JsonToken.PROPERTY_NAME) {
                    return null;
                }
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("eventId".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? p.getString() : null;
                }
                if (value == null || value.isStructStart()) {
                    return null;
                }
            }
            return null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The event id of the line starting at {@code offset} of {@code events}, or null. */
    static @Nullable String eventIdAtOrNull(FileChannel events, long offset, long limit)
            throws IOException {
        if (offset < 0 || offset >= limit) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(PREFIX_BYTES, limit - offset));
        while (buf.hasRemaining()) {
            if (events.read(buf, offset + buf.position()) < 0) {
                break;
            }
        }
        return eventIdOrNull(buf.array(), 0, buf.position());
    }
}

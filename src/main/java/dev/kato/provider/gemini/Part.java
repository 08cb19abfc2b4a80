package dev.kato.provider.gemini;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One event-to-be of a message record.
 *
 * @param key the part's identity within its message ({@code text}, {@code thought:0}, {@code
 *     tool:<callId>}, {@code tool:<callId>:result}, …); stable across copies of the message
 * @param timestamp the part's own time (a tool call's or thought's), or null for the message's
 * @param body what the part says
 */
record Part(String key, @Nullable Instant timestamp, PartBody body) {
    Part {
        requireNonNull(key, "key");
        requireNonNull(body, "body");
    }

    static Part of(String key, PartBody body) {
        return new Part(key, null, body);
    }

    @Override
    public String toString() {
        return "Part[" + key + ", " + body + "]";
    }
}

package dev.kato.vault;

import static java.util.Objects.requireNonNull;

import dev.kato.event.SessionKey;
import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What {@code meta.json} records about one session: identity, title sources, event time range and
 * count, the committed length of {@code events.jsonl}, and the provider logs with the caller's
 * opaque cursors (path string → cursor or null).
 */
record SessionMeta(
        SessionKey key,
        @Nullable String providerTitle,
        @Nullable String firstUserText,
        @Nullable Instant firstEventTime,
        @Nullable Instant lastEventTime,
        long eventCount,
        long eventsBytes,
        SortedMap<String, @Nullable String> providerLogs) {

    SessionMeta {
        requireNonNull(key, "key");
        requireNonNull(providerLogs, "providerLogs");
        if (eventCount < 0 || eventsBytes < 0) {
            throw new IllegalArgumentException("eventCount and eventsBytes must be >= 0");
        }
        if (eventCount > eventsBytes) {
            throw new IllegalArgumentException("eventCount exceeds eventsBytes");
        }
        providerLogs = Collections.unmodifiableSortedMap(new TreeMap<>(providerLogs));
    }

    static SessionMeta empty(SessionKey key) {
        return new SessionMeta(key, null, null, null, null, 0, 0, new TreeMap<>());
    }

    @Override
    public String toString() {
        return "SessionMeta["
                + key.shortId()
                + ", events="
                + eventCount
                + ", bytes="
                + eventsBytes
                + ", logs="
                + providerLogs.size()
                + "]";
    }
}

package dev.kato.vault;

import static java.util.Objects.requireNonNull;

import dev.kato.event.SessionKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the vault knows about one session, from its metadata only (never its events).
 *
 * @param key provider and provider session id
 * @param title the provider's title, else the first human-typed message, on one line (≤ 60 chars;
 *     empty when neither exists)
 * @param firstEventTime earliest provider timestamp of a stored event (millisecond precision)
 * @param lastEventTime latest provider timestamp of a stored event
 * @param eventCount events stored
 * @param providerLogs the provider log files recorded for the session, sorted by path
 */
public record VaultSessionInfo(
        SessionKey key,
        String title,
        @Nullable Instant firstEventTime,
        @Nullable Instant lastEventTime,
        long eventCount,
        List<ProviderLog> providerLogs) {

    public VaultSessionInfo {
        requireNonNull(key, "key");
        requireNonNull(title, "title");
        providerLogs = List.copyOf(providerLogs);
        if (eventCount < 0) {
            throw new IllegalArgumentException("eventCount must be >= 0, was " + eventCount);
        }
    }

    public UUID katoSessionId() {
        return key.katoSessionId();
    }

    public String shortId() {
        return key.shortId();
    }

    public Optional<Instant> tryFirstEventTime() {
        return Optional.ofNullable(firstEventTime);
    }

    public Optional<Instant> tryLastEventTime() {
        return Optional.ofNullable(lastEventTime);
    }

    static VaultSessionInfo of(SessionMeta m) {
        String title =
                m.providerTitle() != null
                        ? m.providerTitle()
                        : m.firstUserText() != null ? m.firstUserText() : "";
        return new VaultSessionInfo(
                m.key(),
                title,
                m.firstEventTime(),
                m.lastEventTime(),
                m.eventCount(),
                m.providerLogs().entrySet().stream()
                        .map(e -> new ProviderLog(java.nio.file.Path.of(e.getKey()), e.getValue()))
                        .toList());
    }

    @Override
    public String toString() {
        // The title is conversation text and the ids may be too; print the short id only.
        return "VaultSessionInfo["
                + key.shortId()
                + ", provider="
                + key.provider().id()
                + ", events="
                + eventCount
                + ", logs="
                + providerLogs.size()
                + "]";
    }
}

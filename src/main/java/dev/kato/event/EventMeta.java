package dev.kato.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What every canonical event carries besides its content.
 *
 * @param eventId stable identity (see {@link EventId})
 * @param provider which assistant wrote the log
 * @param sessionId the provider's session id (for sub-agent files: the parent session's id)
 * @param timestamp the provider's own time for the record; null only when the provider gave none
 * @param turnId the provider's turn/prompt identity, when it has one
 * @param providerEventType the record type in the provider log ({@code user}, {@code event_msg}, …)
 * @param providerEventId the provider's id of the record the event came from
 * @param agentId set for events from a sub-agent transcript (never human-typed)
 */
public record EventMeta(
        EventId eventId,
        Provider provider,
        String sessionId,
        @Nullable Instant timestamp,
        @Nullable String turnId,
        String providerEventType,
        String providerEventId,
        @Nullable String agentId) {

    public EventMeta {
        requireNonNull(eventId, "eventId");
        requireNonNull(provider, "provider");
        requireNonNull(sessionId, "sessionId");
        requireNonNull(providerEventType, "providerEventType");
        requireNonNull(providerEventId, "providerEventId");
    }

    public Optional<Instant> tryTimestamp() {
        return Optional.ofNullable(timestamp);
    }

    /** True for events that came from a sub-agent transcript. */
    public boolean fromSubAgent() {
        return agentId != null;
    }
}

package dev.kato.provider.codex;

import dev.kato.event.ConversationEvent;
import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.provider.ParseSink;
import dev.kato.provider.RawLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The events one rollout line yields, collected so that their ids can be assigned once the line is
 * done: {@code codex:<session>/<line hash>} for a line with one event, {@code …#<part>} for each of
 * several. Ids therefore depend only on the line's bytes and the session, never on its position.
 */
final class LineEvents {
    private final SessionState state;
    private final RawLine raw;
    private final @Nullable Instant timestamp;
    private final String providerEventType;
    private final List<Part> parts = new ArrayList<>(2);

    private record Part(String name, Function<EventMeta, ConversationEvent> make) {}

    LineEvents(
            SessionState state,
            RawLine raw,
            @Nullable Instant timestamp,
            String providerEventType) {
        this.state = state;
        this.raw = raw;
        this.timestamp = timestamp;
        this.providerEventType = providerEventType;
    }

    /** The line's own top-level timestamp; null when it has none. */
    @Nullable Instant timestamp() {
        return timestamp;
    }

    /**
     * Adds an event under a part name that is unique within the line.
     *
     * @param make builds the event from the meta the line assigns it
     */
    void add(String part, Function<EventMeta, ConversationEvent> make) {
        parts.add(new Part(part, make));
    }

    /**
     * Builds the events with their metas (session, turn and agent as of now) and emits them. Must
     * be called while the line's buffer is still valid (during {@code onRecord}).
     */
    void emitTo(ParseSink sink) {
        if (parts.isEmpty()) {
            return;
        }
        String contentHash = raw.contentHash();
        String nativeId = state.sessionId() + "/" + contentHash;
        boolean single = parts.size() == 1;
        for (Part part : parts) {
            EventId id =
                    single
                            ? EventId.of(Provider.CODEX, nativeId)
                            : EventId.of(Provider.CODEX, nativeId, part.name());
            EventMeta meta =
                    new EventMeta(
                            id,
                            Provider.CODEX,
                            state.sessionId(),
                            timestamp,
                            state.turnId(),
                            providerEventType,
                            contentHash,
                            state.agentId());
            sink.event(part.make().apply(meta));
        }
    }

    @Override
    public String toString() {
        return "LineEvents[" + providerEventType + ", parts=" + parts.size() + "]";
    }
}

package dev.kato.provider.claude;

import dev.kato.event.ConversationEvent;
import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.provider.ParseSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects the events of one record and gives them ids once the record is done: the bare record
 * identity when the record yields exactly one event, else the identity plus each event's part
 * (content block index, {@code decision:n}, …).
 */
final class EventBatch {
    private final RecordScope scope;
    private final List<Pending> pending = new ArrayList<>();
    private int decisions;

    EventBatch(RecordScope scope) {
        this.scope = scope;
    }

    RecordScope scope() {
        return scope;
    }

    /** Adds an event made from its meta once the id is known. */
    void add(String part, Function<EventMeta, ConversationEvent> event) {
        pending.add(new Pending(part, event));
    }

    /** The next {@code decision:n} part of this record. */
    String nextDecisionPart() {
        return "decision:" + decisions++;
    }

    void flushTo(ParseSink sink) {
        boolean single = pending.size() == 1;
        for (Pending p : pending) {
            EventId id =
                    single
                            ? EventId.of(Provider.CLAUDE, scope.nativeId())
                            : EventId.of(Provider.CLAUDE, scope.nativeId(), p.part());
            sink.event(p.event().apply(scope.meta(id)));
        }
        pending.clear();
    }

    private record Pending(String part, Function<EventMeta, ConversationEvent> event) {}
}

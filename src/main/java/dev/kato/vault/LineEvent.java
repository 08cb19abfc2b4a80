package dev.kato.vault;

import static java.util.Objects.requireNonNull;

import dev.kato.event.ConversationEvent;
import dev.kato.event.EventKind;
import dev.kato.event.EventMeta;

/**
 * The event of one canonical line on its way into the vault: read whole, or, for a line the daemon
 * only stores, known by its header until its content is asked for. Content stays out of {@code
 * toString}.
 */
public sealed interface LineEvent permits LineEvent.Whole, LineEvent.Skimmed {
    EventMeta meta();

    EventKind kind();

    /** The whole event; a skimmed line is read (strictly) now. */
    ConversationEvent event();

    /** An event read whole (or rendered from one). */
    record Whole(ConversationEvent event) implements LineEvent {
        public Whole {
            requireNonNull(event, "event");
        }

        @Override
        public EventMeta meta() {
            return event.meta();
        }

        @Override
        public EventKind kind() {
            return EventKind.of(event);
        }

        @Override
        public String toString() {
            return "Whole[" + event.kind() + "]";
        }
    }

    /**
     * A line checked as strictly as {@link JsonlEventReader} reads it, of which only the header was
     * decoded (see {@link LineSkimmer}): an assistant message, thinking, tool call or result, or
     * system notice whose bytes hold neither {@code ::} nor a {@code \\u} escape, so no command
     * line can stand in it.
     */
    final class Skimmed implements LineEvent {
        private static final JsonlEventReader READER = new JsonlEventReader();

        private final EventMeta meta;
        private final EventKind kind;
        private final byte[] bytes;
        private final int off;
        private final int len;

        Skimmed(EventMeta meta, EventKind kind, byte[] bytes, int off, int len) {
            this.meta = requireNonNull(meta, "meta");
            this.kind = requireNonNull(kind, "kind");
            this.bytes = requireNonNull(bytes, "bytes");
            this.off = off;
            this.len = len;
        }

        @Override
        public EventMeta meta() {
            return meta;
        }

        @Override
        public EventKind kind() {
            return kind;
        }

        /**
         * @throws IllegalStateException when the full reader refuses what the skim accepted (the
         *     two are held to the same rules by {@code LineSkimmerTest})
         */
        @Override
        public ConversationEvent event() {
            if (READER.read(bytes, off, len) instanceof EventReadResult.Parsed(var event)
                    && EventKind.of(event) == kind
                    && event.meta().equals(meta)) {
                return event;
            }
            throw new IllegalStateException("a skimmed line does not read back whole");
        }

        @Override
        public String toString() {
            return "Skimmed[" + kind.wireName() + ", bytes=" + len + "]";
        }
    }
}

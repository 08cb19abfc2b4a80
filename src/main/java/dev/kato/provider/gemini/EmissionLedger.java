package dev.kato.provider.gemini;

import dev.kato.event.EventId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Remembers what was emitted for one session file: every event id, and per message the turn it was
 * assigned, whether it first arrived through a history rewrite, and a 64-bit hash per part. It
 * never holds conversation text, so its size depends on the number of parts, not their length.
 * Messages are never forgotten (a rewind or a removed prefix must not make ids reusable).
 */
final class EmissionLedger {
    private final Map<String, MessageMemory> messages = new HashMap<>();
    private final Set<String> emittedIds = new HashSet<>();
    private final Set<Long> toolResults = new HashSet<>();

    /** The memory of a message; created on first sight with the given turn and arrival. */
    MessageMemory remember(String messageKey, @Nullable String turnId, boolean viaRewrite) {
        return messages.computeIfAbsent(messageKey, k -> new MessageMemory(turnId, viaRewrite));
    }

    boolean isKnown(String messageKey) {
        return messages.containsKey(messageKey);
    }

    /** Records an id as emitted; false when it already was. */
    boolean claim(EventId id) {
        return emittedIds.add(id.value());
    }

    /**
     * Records a tool result (by the hash of its call id and content) as emitted; false when an
     * equal result of the same call was already emitted from another record.
     */
    boolean claimToolResult(long resultHash) {
        return toolResults.add(resultHash);
    }

    /** How a part compares with what was emitted for the same key. */
    enum Change {
        NEW,
        UNCHANGED,
        CHANGED
    }

    /** What was emitted for one message. */
    static final class MessageMemory {
        private final @Nullable String turnId;
        private final boolean introducedByRewrite;
        private final Map<String, Long> partHashes = new HashMap<>();

        private MessageMemory(@Nullable String turnId, boolean introducedByRewrite) {
            this.turnId = turnId;
            this.introducedByRewrite = introducedByRewrite;
        }

        @Nullable String turnId() {
            return turnId;
        }

        /** True when the message first appeared through a {@code $set.messages} rewrite. */
        boolean introducedByRewrite() {
            return introducedByRewrite;
        }

        /** Compares a part with the last one seen under its key, and remembers the new hash. */
        Change record(String partKey, long hash) {
            Long previous = partHashes.put(partKey, hash);
            if (previous == null) {
                return Change.NEW;
            }
            return previous == hash ? Change.UNCHANGED : Change.CHANGED;
        }

        @Override
        public String toString() {
            return "MessageMemory[parts=" + partHashes.size() + "]";
        }
    }
}

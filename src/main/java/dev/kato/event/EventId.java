package dev.kato.event;

import static java.util.Objects.requireNonNull;

/**
 * Stable identity of one canonical event, derived only from provider-native identity (a record
 * uuid, a message id, a call id, or a hash of the record's own bytes) plus a part suffix — never
 * from read time or position in a file. Re-reading a log, resuming it or reading a copy of it
 * yields the same ids.
 */
public record EventId(String value) implements Comparable<EventId> {
    public EventId {
        requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 512) {
            throw new IllegalArgumentException(
                    "eventId length must be 1..512, was " + value.length());
        }
    }

    /** {@code provider:nativeId} for a whole record. */
    public static EventId of(Provider provider, String nativeId) {
        return new EventId(provider.id() + ":" + nativeId);
    }

    /** {@code provider:nativeId#part} for one part (content block, tool call, …) of a record. */
    public static EventId of(Provider provider, String nativeId, String part) {
        return new EventId(provider.id() + ":" + nativeId + "#" + part);
    }

    @Override
    public int compareTo(EventId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

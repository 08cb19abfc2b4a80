package dev.kato.provider.codex;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Pairs the two copies Codex writes of one text: a {@code response_item} and its {@code event_msg}
 * twin ({@code agent_message} for a message, {@code agent_reasoning} for a reasoning summary). The
 * first copy to arrive is emitted and waits for its twin; the twin, when it comes, is swallowed.
 * Order does not matter, and a text said twice (with two twins each) is emitted twice. Bounded: a
 * copy whose twin never comes is forgotten after {@value #MAX_WAITING} newer ones.
 */
final class TwinFilter {
    /** Which stream a copy came from. */
    enum Channel {
        RESPONSE_ITEM,
        EVENT_MSG
    }

    private static final int MAX_WAITING = 64;

    private record Waiting(Channel channel, String key) {
        @Override
        public String toString() {
            return "Waiting[" + channel + ", chars=" + key.length() + "]";
        }
    }

    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    /**
     * True when this copy is new and should be emitted; false when it is the twin of a copy the
     * other channel already emitted (which it then consumes).
     */
    boolean admit(Channel channel, String text) {
        String key = text.strip();
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (w.channel() != channel && w.key().equals(key)) {
                it.remove();
                return false;
            }
        }
        waiting.addLast(new Waiting(channel, key));
        if (waiting.size() > MAX_WAITING) {
            waiting.removeFirst();
        }
        return true;
    }

    /** Forgets every waiting copy (a new turn began). */
    void clear() {
        waiting.clear();
    }

    @Override
    public String toString() {
        return "TwinFilter[waiting=" + waiting.size() + "]";
    }
}

package dev.kato.provider.codex;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /**
     * A copy waiting for its twin, by a 128-bit digest of its stripped text and the text's length:
     * a file's filter keeps no conversation text, only a few dozen bytes per waiting copy (the
     * provider worker tails every session file at once).
     */
    private record Waiting(Channel channel, long high, long low, int length) {
        static Waiting of(Channel channel, String key) {
            byte[] digest;
            try {
                digest =
                        MessageDigest.getInstance("SHA-256")
                                .digest(key.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
            ByteBuffer b = ByteBuffer.wrap(digest);
            return new Waiting(channel, b.getLong(), b.getLong(), key.length());
        }

        boolean twinOf(Waiting other) {
            return channel != other.channel
                    && high == other.high
                    && low == other.low
                    && length == other.length;
        }
    }

    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    /**
     * True when this copy is new and should be emitted; false when it is the twin of a copy the
     * other channel already emitted (which it then consumes).
     */
    boolean admit(Channel channel, String text) {
        Waiting copy = Waiting.of(channel, text.strip());
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
            if (it.next().twinOf(copy)) {
                it.remove();
                return false;
            }
        }
        waiting.addLast(copy);
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

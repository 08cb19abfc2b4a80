package dev.kato.daemon;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The correlation id that ties one message's command decisions, policy decisions and writes
 * together. Made on first use: most messages carry no command and never need one, and a random UUID
 * per stored event would cost catch-up time for nothing.
 */
final class CorrelationId {
    private @Nullable String value;

    /** The id, made now if this is the first time it is asked for. */
    String value() {
        String v = value;
        if (v == null) {
            v = UUID.randomUUID().toString();
            value = v;
        }
        return v;
    }
}

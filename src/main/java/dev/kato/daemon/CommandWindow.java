package dev.kato.daemon;

import dev.kato.event.ConversationEvent;
import dev.kato.ingest.Provenance;
import java.time.Instant;

/**
 * Whether an in-chat command in a stored event may run at all, by where the event came from: a line
 * read live may; history found on a file's first sight never does; history of a resumed file (read
 * after a downtime) only when it is newer than {@code commands.maxAge}.
 */
final class CommandWindow {
    private CommandWindow() {}

    /**
     * @param oldest the oldest event time of a resumed file whose commands still run
     */
    static boolean open(
            Provenance provenance, boolean resumedFile, ConversationEvent event, Instant oldest) {
        if (provenance == Provenance.LIVE) {
            return true;
        }
        if (!resumedFile) {
            return false; // history found on first sight never runs
        }
        Instant t = event.meta().timestamp();
        return t != null && !t.isBefore(oldest);
    }
}

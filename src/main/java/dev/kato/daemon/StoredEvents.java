package dev.kato.daemon;

import dev.kato.event.UserMessage;
import dev.kato.vault.AppendResult;
import dev.kato.vault.LineEvent;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the capture threads need to know about one batch's events around storing them. */
final class StoredEvents {
    private StoredEvents() {}

    /**
     * The events the vault stored now (not seen before). The vault reports counts; re-offered
     * events come from re-reading a file's beginning, so the new ones are the batch's tail.
     */
    static List<LineEvent> newlyStored(List<LineEvent> events, AppendResult result) {
        int n = result.appended();
        return n >= events.size() ? events : events.subList(events.size() - n, events.size());
    }

    /** Whether a human-typed message of {@code events} could hold a command line. */
    static boolean mayCarryCommand(List<LineEvent> events) {
        for (LineEvent line : events) {
            if (line instanceof LineEvent.Whole(UserMessage u)
                    && u.isHumanTyped()
                    && u.text().contains("::")) {
                return true;
            }
        }
        return false;
    }

    /** The newest provider timestamp among {@code events}; null when none has one. */
    static @Nullable Instant newestTime(List<LineEvent> events) {
        Instant newest = null;
        for (LineEvent e : events) {
            Instant t = e.meta().timestamp();
            if (t != null && (newest == null || t.isAfter(newest))) {
                newest = t;
            }
        }
        return newest;
    }
}

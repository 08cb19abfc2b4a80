package dev.kato.prompthistory;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One prompt as the assistant recorded it.
 *
 * @param sessionId the provider session id, null when the entry carries none (older Claude builds)
 * @param text what was submitted from the prompt box (Claude {@code display}, Codex {@code text},
 *     Gemini {@code message})
 * @param time when it was submitted
 */
record HistoryEntry(@Nullable String sessionId, String text, Instant time) {
    HistoryEntry {
        requireNonNull(text, "text");
        requireNonNull(time, "time");
    }

    @Override
    public String toString() {
        return "HistoryEntry[chars=" + text.length() + ", time=" + time + "]";
    }
}

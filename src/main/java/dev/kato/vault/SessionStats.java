package dev.kato.vault;

import dev.kato.event.ConversationEvent;
import dev.kato.event.ProviderInfo;
import dev.kato.event.UserMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Folds appended events into a {@link SessionMeta}: count, bytes, time range, title sources. */
final class SessionStats {
    static final int MAX_TITLE_CHARS = 60;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final SessionMeta base;
    private @Nullable String providerTitle;
    private @Nullable String firstUserText;
    private @Nullable Instant first;
    private @Nullable Instant last;
    private long count;
    private long bytes;
    private final SortedMap<String, @Nullable String> logs;

    SessionStats(SessionMeta base) {
        this.base = base;
        this.providerTitle = base.providerTitle();
        this.firstUserText = base.firstUserText();
        this.first = base.firstEventTime();
        this.last = base.lastEventTime();
        this.count = base.eventCount();
        this.bytes = base.eventsBytes();
        this.logs = new TreeMap<>(base.providerLogs());
    }

    /** Counts one event whose line took {@code lineBytes} bytes (with its newline). */
    void add(ConversationEvent event, long lineBytes) {
        add(new LineEvent.Whole(event), lineBytes);
    }

    /**
     * Counts one line's event; a skimmed line is never a title or a user message (see {@link
     * LineSkimmer}), so its header is all the stats need.
     */
    void add(LineEvent line, long lineBytes) {
        count++;
        bytes += lineBytes;
        Instant t = line.meta().timestamp();
        if (t != null) {
            Instant millis = t.truncatedTo(ChronoUnit.MILLIS);
            first = first == null || millis.isBefore(first) ? millis : first;
            last = last == null || millis.isAfter(last) ? millis : last;
        }
        if (!(line instanceof LineEvent.Whole(ConversationEvent event))) {
            return;
        }
        switch (event) {
            case ProviderInfo p
                    when p.infoType().equals(ProviderInfo.TITLE) && !p.value().isBlank() ->
                    providerTitle = oneLine(p.value());
            case UserMessage u
                    when firstUserText == null && u.isHumanTyped() && !u.text().isBlank() ->
                    firstUserText = oneLine(u.text());
            default -> {}
        }
    }

    void merge(SessionMetaUpdate update) {
        for (var log : update.knownLogs()) {
            logs.putIfAbsent(log.toString(), null);
        }
        for (Map.Entry<java.nio.file.Path, String> e : update.cursors().entrySet()) {
            logs.put(e.getKey().toString(), e.getValue());
        }
    }

    long bytes() {
        return bytes;
    }

    long count() {
        return count;
    }

    SessionMeta toMeta() {
        return new SessionMeta(
                base.key(), providerTitle, firstUserText, first, last, count, bytes, logs);
    }

    /** The text on one line, whitespace collapsed, at most {@link #MAX_TITLE_CHARS} code points. */
    static String oneLine(String raw) {
        String s = WHITESPACE.matcher(raw.strip()).replaceAll(" ");
        return s.codePointCount(0, s.length()) <= MAX_TITLE_CHARS
                ? s
                : s.substring(0, s.offsetByCodePoints(0, MAX_TITLE_CHARS - 1)) + "…";
    }
}

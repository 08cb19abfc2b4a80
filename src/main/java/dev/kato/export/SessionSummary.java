package dev.kato.export;

import dev.kato.event.ConversationEvent;
import dev.kato.event.ProviderInfo;
import dev.kato.event.UserMessage;
import dev.kato.provider.Anomaly;
import dev.kato.provider.ParseSink;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@code kato sessions} shows about one conversation, gathered while its events stream past:
 * counts and the latest time, a title, never the events themselves.
 */
public final class SessionSummary implements ParseSink {
    static final int MAX_TITLE_CHARS = 60;

    private long events;
    private long anomalies;
    private @Nullable Instant lastMessageTime;
    private @Nullable String firstHumanText;
    private @Nullable String providerTitle;

    @Override
    public void event(ConversationEvent event) {
        events++;
        Instant t = event.meta().timestamp();
        if (t != null && (lastMessageTime == null || t.isAfter(lastMessageTime))) {
            lastMessageTime = t;
        }
        switch (event) {
            case UserMessage u
                    when firstHumanText == null && u.isHumanTyped() && !u.text().isBlank() ->
                    firstHumanText = u.text();
            case ProviderInfo p
                    when p.infoType().equals(ProviderInfo.TITLE) && !p.value().isBlank() ->
                    providerTitle = p.value();
            default -> {}
        }
    }

    @Override
    public void anomaly(Anomaly anomaly) {
        anomalies++;
    }

    public long eventCount() {
        return events;
    }

    public long anomalyCount() {
        return anomalies;
    }

    public Optional<Instant> lastMessageTime() {
        return Optional.ofNullable(lastMessageTime);
    }

    /**
     * The provider's title if it recorded one, else the first human message, on one line, ≤ 60
     * chars.
     */
    public String title() {
        String raw =
                providerTitle != null
                        ? providerTitle
                        : firstHumanText != null ? firstHumanText : "";
        String oneLine = raw.strip().replaceAll("\\s+", " ");
        return oneLine.codePointCount(0, oneLine.length()) <= MAX_TITLE_CHARS
                ? oneLine
                : oneLine.substring(0, oneLine.offsetByCodePoints(0, MAX_TITLE_CHARS - 1)) + "…";
    }

    @Override
    public String toString() {
        return "SessionSummary[events=" + events + ", anomalies=" + anomalies + "]";
    }
}

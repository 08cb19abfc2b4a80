package dev.kato.event;

import static java.util.Objects.requireNonNull;

/**
 * Session metadata the provider recorded: a title ({@link #TITLE}), the working directory ({@link
 * #CWD}), the session source ({@link #SOURCE}). Later values replace earlier ones.
 */
public record ProviderInfo(EventMeta meta, String infoType, String value)
        implements ConversationEvent {
    public static final String TITLE = "title";
    public static final String CWD = "cwd";
    public static final String SOURCE = "source";

    public ProviderInfo {
        requireNonNull(meta, "meta");
        requireNonNull(infoType, "infoType");
        requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "ProviderInfo["
                + meta.eventId()
                + ", type="
                + infoType
                + ", chars="
                + value.length()
                + "]";
    }
}

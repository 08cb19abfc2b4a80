package dev.kato.writer;

import static java.util.Objects.requireNonNull;

import dev.kato.event.EventKind;
import dev.kato.event.Provider;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The few facts about a session that the frontmatter needs, accumulated while the body streams (see
 * {@link MarkdownBodyWriter#facts()}). Small by construction: at most {@link #MAX_MODELS} models,
 * each at most {@link #MAX_MODEL_CHARS} chars, and at most one entry per event kind.
 *
 * @param provider the provider of the first event; null before any event
 * @param providerSessionId the provider's session id of the first event; "" when unknown
 * @param title the first human-typed message (first non-blank line, whitespace collapsed, at most
 *     {@link #MAX_TITLE_CHARS} code points); else the provider's own title; else ""
 * @param firstEventTime the earliest provider timestamp seen; null when no event had one
 * @param lastEventTime the latest provider timestamp seen; null when no event had one
 * @param models model names in first-seen order
 * @param eventKinds event kinds in first-seen order
 */
public record SessionFacts(
        @Nullable Provider provider,
        String providerSessionId,
        String title,
        @Nullable Instant firstEventTime,
        @Nullable Instant lastEventTime,
        List<String> models,
        List<EventKind> eventKinds) {

    public static final int MAX_TITLE_CHARS = 60;
    public static final int MAX_MODELS = 32;
    public static final int MAX_MODEL_CHARS = 200;

    /** Facts of a session without events, e.g. for a frontmatter-only file. */
    public static SessionFacts empty(@Nullable Provider provider, String providerSessionId) {
        return new SessionFacts(provider, providerSessionId, "", null, null, List.of(), List.of());
    }

    public SessionFacts {
        requireNonNull(providerSessionId, "providerSessionId");
        requireNonNull(title, "title");
        models = List.copyOf(models);
        eventKinds = List.copyOf(eventKinds);
        if (title.codePointCount(0, title.length()) > MAX_TITLE_CHARS || title.contains("\n")) {
            throw new IllegalArgumentException(
                    "title must be one line of at most " + MAX_TITLE_CHARS + " code points");
        }
        if (models.size() > MAX_MODELS) {
            throw new IllegalArgumentException(
                    "at most " + MAX_MODELS + " models, was " + models.size());
        }
        for (String m : models) {
            if (m.isEmpty() || m.length() > MAX_MODEL_CHARS) {
                throw new IllegalArgumentException(
                        "model names must be 1.." + MAX_MODEL_CHARS + " chars");
            }
        }
        if ((firstEventTime == null) != (lastEventTime == null)) {
            throw new IllegalArgumentException("first and last event time are both set or unset");
        }
        if (firstEventTime != null
                && lastEventTime != null
                && lastEventTime.isBefore(firstEventTime)) {
            throw new IllegalArgumentException("lastEventTime is before firstEventTime");
        }
    }

    public Optional<Provider> tryProvider() {
        return Optional.ofNullable(provider);
    }

    public Optional<Instant> tryFirstEventTime() {
        return Optional.ofNullable(firstEventTime);
    }

    public Optional<Instant> tryLastEventTime() {
        return Optional.ofNullable(lastEventTime);
    }

    /** Ids, counts and lengths only: the title is conversation text. */
    @Override
    public String toString() {
        return "SessionFacts[provider="
                + (provider == null ? "none" : provider.id())
                + ", sessionIdChars="
                + providerSessionId.length()
                + ", titleChars="
                + title.length()
                + ", models="
                + models.size()
                + ", kinds="
                + eventKinds.size()
                + "]";
    }
}

package dev.kato.event;

import static java.util.Objects.requireNonNull;

/**
 * A harness notice shown to the user: Claude {@code system} rows (text is the top-level {@code
 * content}), Gemini {@code info}/{@code error}/{@code warning} rows, Codex errors, aborted turns,
 * compaction boundaries. Never a source of commands.
 *
 * @param subtype the provider's subtype ({@code api_error}, {@code compact_boundary}, {@code info},
 *     …)
 */
public record SystemNotice(EventMeta meta, String subtype, String text)
        implements ConversationEvent {
    public SystemNotice {
        requireNonNull(meta, "meta");
        requireNonNull(subtype, "subtype");
        requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return "SystemNotice["
                + meta.eventId()
                + ", subtype="
                + subtype
                + ", chars="
                + text.length()
                + "]";
    }
}

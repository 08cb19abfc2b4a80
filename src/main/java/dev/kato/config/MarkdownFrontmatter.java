package dev.kato.config;

import static java.util.Objects.requireNonNull;

/**
 * Frontmatter of Markdown recordings ({@code markdownFrontmatter.*}).
 *
 * @param includeFrontmatterInMarkdownRecordings write a YAML frontmatter block (default true)
 * @param includeUpdatedInFrontmatter add an {@code updated} timestamp (default false)
 * @param addParticipantUsernameToFrontmatter list {@code user.<name>} in {@code participants}
 *     (default false)
 * @param defaultParticipantUsername the {@code <name>} above (default empty)
 * @param includeConversationEventKinds list the event kinds present (default false)
 */
public record MarkdownFrontmatter(
        boolean includeFrontmatterInMarkdownRecordings,
        boolean includeUpdatedInFrontmatter,
        boolean addParticipantUsernameToFrontmatter,
        String defaultParticipantUsername,
        boolean includeConversationEventKinds) {
    public static final int MAX_USERNAME_CHARS = 128;
    public static final MarkdownFrontmatter DEFAULTS =
            new MarkdownFrontmatter(true, false, false, "", false);

    public MarkdownFrontmatter {
        requireNonNull(defaultParticipantUsername, "defaultParticipantUsername");
        if (defaultParticipantUsername.length() > MAX_USERNAME_CHARS
                || defaultParticipantUsername.codePoints().anyMatch(ConfigPaths::isControl)) {
            throw new IllegalArgumentException(
                    "defaultParticipantUsername must be at most "
                            + MAX_USERNAME_CHARS
                            + " characters without control characters");
        }
    }

    /** The user name is personal data: only its length is shown. */
    @Override
    public String toString() {
        return "MarkdownFrontmatter[includeFrontmatterInMarkdownRecordings="
                + includeFrontmatterInMarkdownRecordings
                + ", includeUpdatedInFrontmatter="
                + includeUpdatedInFrontmatter
                + ", addParticipantUsernameToFrontmatter="
                + addParticipantUsernameToFrontmatter
                + ", defaultParticipantUsername=<"
                + defaultParticipantUsername.length()
                + " chars>, includeConversationEventKinds="
                + includeConversationEventKinds
                + "]";
    }
}

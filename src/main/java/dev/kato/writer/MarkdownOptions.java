package dev.kato.writer;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Every knob of the Markdown renderer, immutable and validated. {@link #DEFAULTS} matches the
 * defaults of {@code product.md} §3 ({@code markdownFrontmatter.*} and {@code featureFlags.*}),
 * except the zone: it is UTC here, because reading the machine's zone is the composition root's job
 * (it passes {@code config.Environment}'s zone through {@link Builder#zone}).
 *
 * @param zone headings show the local time of this zone
 * @param includeFrontmatter {@code includeFrontmatterInMarkdownRecordings}
 * @param includeUpdated {@code includeUpdatedInFrontmatter}
 * @param addParticipantUsername {@code addParticipantUsernameToFrontmatter}
 * @param participantUsername {@code defaultParticipantUsername}; "" for none
 * @param includeEventKinds {@code includeConversationEventKinds}
 * @param includeCommentary {@code writerIncludeCommentary}
 * @param includeThinking {@code writerIncludeThinking}
 * @param includeToolCalls {@code writerIncludeToolCalls}
 * @param italicizeUserMessages {@code writerItalicizeUserMessages}
 * @param includeSystemEvents {@code captureIncludeSystemEvents}
 * @param toolResultMaxChars tool results longer than this many characters are truncated
 */
public record MarkdownOptions(
        ZoneId zone,
        boolean includeFrontmatter,
        boolean includeUpdated,
        boolean addParticipantUsername,
        String participantUsername,
        boolean includeEventKinds,
        boolean includeCommentary,
        boolean includeThinking,
        boolean includeToolCalls,
        boolean italicizeUserMessages,
        boolean includeSystemEvents,
        int toolResultMaxChars) {

    /** Upper bound of {@link #toolResultMaxChars}. */
    public static final int MAX_TOOL_RESULT_CHARS = 10_000_000;

    /** Longest accepted {@link #participantUsername}. */
    public static final int MAX_USERNAME_CHARS = 128;

    public static final MarkdownOptions DEFAULTS = new Builder().build();

    public MarkdownOptions {
        requireNonNull(zone, "zone");
        requireNonNull(participantUsername, "participantUsername");
        if (participantUsername.length() > MAX_USERNAME_CHARS) {
            throw new IllegalArgumentException(
                    "participantUsername must be at most "
                            + MAX_USERNAME_CHARS
                            + " chars, was "
                            + participantUsername.length());
        }
        if (!participantUsername.isEmpty() && !isPrintableSingleLine(participantUsername)) {
            throw new IllegalArgumentException(
                    "participantUsername must be one line of printable characters without"
                            + " surrounding spaces");
        }
        if (toolResultMaxChars < 1 || toolResultMaxChars > MAX_TOOL_RESULT_CHARS) {
            throw new IllegalArgumentException(
                    "toolResultMaxChars must be 1.."
                            + MAX_TOOL_RESULT_CHARS
                            + ", was "
                            + toolResultMaxChars);
        }
    }

    private static boolean isPrintableSingleLine(String s) {
        if (!s.strip().equals(s)) {
            return false;
        }
        return s.codePoints()
                .noneMatch(cp -> Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029);
    }

    /** A builder holding these options, to change a few of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Named setters instead of twelve positional arguments; {@link #build()} validates. */
    public static final class Builder {
        private ZoneId zone = ZoneOffset.UTC;
        private boolean includeFrontmatter = true;
        private boolean includeUpdated;
        private boolean addParticipantUsername;
        private String participantUsername = "";
        private boolean includeEventKinds;
        private boolean includeCommentary = true;
        private boolean includeThinking;
        private boolean includeToolCalls;
        private boolean italicizeUserMessages;
        private boolean includeSystemEvents;
        private int toolResultMaxChars = 4000;

        private Builder() {}

        private Builder(MarkdownOptions o) {
            zone = o.zone;
            includeFrontmatter = o.includeFrontmatter;
            includeUpdated = o.includeUpdated;
            addParticipantUsername = o.addParticipantUsername;
            participantUsername = o.participantUsername;
            includeEventKinds = o.includeEventKinds;
            includeCommentary = o.includeCommentary;
            includeThinking = o.includeThinking;
            includeToolCalls = o.includeToolCalls;
            italicizeUserMessages = o.italicizeUserMessages;
            includeSystemEvents = o.includeSystemEvents;
            toolResultMaxChars = o.toolResultMaxChars;
        }

        public Builder zone(ZoneId value) {
            zone = requireNonNull(value, "zone");
            return this;
        }

        public Builder includeFrontmatter(boolean value) {
            includeFrontmatter = value;
            return this;
        }

        public Builder includeUpdated(boolean value) {
            includeUpdated = value;
            return this;
        }

        public Builder addParticipantUsername(boolean value) {
            addParticipantUsername = value;
            return this;
        }

        public Builder participantUsername(String value) {
            participantUsername = requireNonNull(value, "participantUsername");
            return this;
        }

        public Builder includeEventKinds(boolean value) {
            includeEventKinds = value;
            return this;
        }

        public Builder includeCommentary(boolean value) {
            includeCommentary = value;
            return this;
        }

        public Builder includeThinking(boolean value) {
            includeThinking = value;
            return this;
        }

        public Builder includeToolCalls(boolean value) {
            includeToolCalls = value;
            return this;
        }

        public Builder italicizeUserMessages(boolean value) {
            italicizeUserMessages = value;
            return this;
        }

        public Builder includeSystemEvents(boolean value) {
            includeSystemEvents = value;
            return this;
        }

        public Builder toolResultMaxChars(int value) {
            toolResultMaxChars = value;
            return this;
        }

        public MarkdownOptions build() {
            return new MarkdownOptions(
                    zone,
                    includeFrontmatter,
                    includeUpdated,
                    addParticipantUsername,
                    participantUsername,
                    includeEventKinds,
                    includeCommentary,
                    includeThinking,
                    includeToolCalls,
                    italicizeUserMessages,
                    includeSystemEvents,
                    toolResultMaxChars);
        }
    }
}

package dev.kato.cli;

import dev.kato.config.KatoConfig;
import dev.kato.writer.MarkdownOptions;
import java.time.ZoneId;

/** Maps the configuration's frontmatter keys and feature flags to renderer options. */
final class MarkdownSettings {
    private MarkdownSettings() {}

    static MarkdownOptions from(KatoConfig config) {
        var fm = config.markdownFrontmatter();
        var flags = config.featureFlags();
        return MarkdownOptions.builder()
                .zone(config.resolveTimeZone(ZoneId.systemDefault()))
                .includeFrontmatter(fm.includeFrontmatterInMarkdownRecordings())
                .includeUpdated(fm.includeUpdatedInFrontmatter())
                .addParticipantUsername(fm.addParticipantUsernameToFrontmatter())
                .participantUsername(fm.defaultParticipantUsername())
                .includeEventKinds(fm.includeConversationEventKinds())
                .includeCommentary(flags.writerIncludeCommentary())
                .includeThinking(flags.writerIncludeThinking())
                .includeToolCalls(flags.writerIncludeToolCalls())
                .italicizeUserMessages(flags.writerItalicizeUserMessages())
                .includeSystemEvents(flags.captureIncludeSystemEvents())
                .toolResultMaxChars(config.writer().toolResultMaxChars())
                .build();
    }
}

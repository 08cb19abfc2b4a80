package dev.kato.export;

import dev.kato.config.Environment;
import dev.kato.config.KatoConfig;
import dev.kato.event.Provider;
import dev.kato.policy.PathPolicy;
import dev.kato.prompthistory.PromptHistory;
import dev.kato.sandbox.Envelope;
import dev.kato.sandbox.WorkerRuntime;
import dev.kato.writer.MarkdownOptions;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the configuration means for the write policy, the renderer, the session roots and the
 * daemon's envelope.
 */
public final class Configured {
    private Configured() {}

    /** Session roots by provider. */
    public static Map<Provider, List<Path>> roots(KatoConfig config) {
        Map<Provider, List<Path>> roots = new EnumMap<>(Provider.class);
        roots.put(Provider.CLAUDE, config.providerSessionRoots().claude());
        roots.put(Provider.CODEX, config.providerSessionRoots().codex());
        roots.put(Provider.GEMINI, config.providerSessionRoots().gemini());
        return roots;
    }

    /** The write policy: allowed roots, Kato's own and the assistants' directories excluded. */
    public static PathPolicy policy(KatoConfig config, Environment env, long userId) {
        List<Path> providerRoots = new ArrayList<>();
        roots(config).values().forEach(providerRoots::addAll);
        return new PathPolicy(
                config.allowedWriteRoots(),
                env.katoHome(),
                List.of(env.recordingsDir(), env.exportsDir()),
                providerRoots,
                config.writer().allowedExtensions(),
                userId);
    }

    /**
     * The daemon's envelope as the confined orchestrator: {@code KATO_HOME}, the config, and what
     * it hands on to its workers or reads for them (the session roots, the allowed write roots, the
     * prompt-history files when the cross-check is on), as far as they exist now.
     */
    public static Envelope.Orchestrator orchestrator(KatoConfig config, Environment env) {
        List<Path> providerRoots = new ArrayList<>();
        roots(config).values().forEach(providerRoots::addAll);
        return Envelope.Orchestrator.forDaemon(
                env.katoHome(),
                env.configPath(),
                providerRoots,
                config.allowedWriteRoots(),
                PromptHistory.files(config),
                WorkerRuntime.forWorkers().aotCache());
    }

    /** Renderer options from the frontmatter keys and feature flags. */
    public static MarkdownOptions markdown(KatoConfig config) {
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

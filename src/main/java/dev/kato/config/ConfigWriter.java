package dev.kato.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * Renders a {@link KatoConfig} as YAML that {@link ConfigLoader} reads back to an equal config.
 * Output is deterministic: the same config and environment give the same bytes.
 */
public final class ConfigWriter {
    private final boolean commented;
    private final Function<Path, String> pathText;
    private final StringBuilder out = new StringBuilder();

    private ConfigWriter(boolean commented, Function<Path, String> pathText) {
        this.commented = commented;
        this.pathText = pathText;
    }

    /**
     * The file {@code kato init} writes: every key, each section explained in a comment, paths
     * under the home directory written as {@code ~/…}.
     */
    public static String renderInitial(KatoConfig config, Environment env) {
        ConfigWriter writer =
                new ConfigWriter(true, path -> ConfigPaths.abbreviate(path, env.home()));
        writer.comment("Kato configuration. Every key is described in docs/config.md.");
        writer.comment("Unknown keys are errors; a key left out takes its default.");
        writer.comment("Paths must be absolute; `~/` at the start means your home directory.");
        writer.blank();
        return writer.body(config, env).toString();
    }

    /** {@code kato config show}: every effective value, all paths absolute. */
    public static String renderEffective(KatoConfig config, Environment env) {
        ConfigWriter writer = new ConfigWriter(false, Path::toString);
        writer.comment("Effective Kato configuration.");
        writer.comment("KATO_HOME: " + YamlScalars.string(env.katoHome().toString()));
        writer.comment("config file: " + YamlScalars.string(env.configPath().toString()));
        writer.blank();
        return writer.body(config, env).toString();
    }

    private StringBuilder body(KatoConfig config, Environment env) {
        line(0, "schemaVersion: " + config.schemaVersion());
        section(
                "Where each assistant keeps its session logs; an empty list ([]) switches a"
                        + " provider off.");
        line(0, "providerSessionRoots:");
        config.providerSessionRoots().byProviderId().forEach((id, roots) -> paths(1, id, roots));
        section("The only directories recordings and exports may be written into.");
        explain(
                "Add a directory here to make it writable (`kato init --allow-write-root DIR` does it for a new config).");
        paths(0, "allowedWriteRoots", config.allowedWriteRoots());
        frontmatter(config.markdownFrontmatter());
        flags(config.featureFlags());
        section("Log thresholds: debug, info, warn or error.");
        line(0, "logging:");
        line(1, "operationalLevel: " + config.logging().operationalLevel().configValue());
        line(1, "auditLevel: " + config.logging().auditLevel().configValue());
        timeZone(config, env);
        writer(config.writer());
        section("Session-log lines longer than this many bytes are skipped (1024 to 268435456).");
        line(0, "ingest:");
        line(1, "maxLineBytes: " + config.ingest().maxLineBytes());
        section(
                "After downtime, in-chat commands older than this are skipped (90s, 10m, 2h; at"
                        + " most 24h);");
        explain(
                "confirmWithPromptHistory: run a command only if the assistant's prompt history"
                        + " shows it typed.");
        line(0, "commands:");
        line(1, "maxAge: " + ConfigDurations.format(config.commands().maxAge()));
        bool("confirmWithPromptHistory", config.commands().confirmWithPromptHistory());
        section(
                "required: refuse to run unconfined; best-effort: warn and audit; off: development"
                        + " only.");
        line(0, "sandbox:");
        line(1, "mode: " + config.sandbox().mode().configValue());
        return out;
    }

    private void frontmatter(MarkdownFrontmatter f) {
        section("Frontmatter of Markdown recordings.");
        line(0, "markdownFrontmatter:");
        bool("includeFrontmatterInMarkdownRecordings", f.includeFrontmatterInMarkdownRecordings());
        bool("includeUpdatedInFrontmatter", f.includeUpdatedInFrontmatter());
        bool("addParticipantUsernameToFrontmatter", f.addParticipantUsernameToFrontmatter());
        line(
                1,
                "defaultParticipantUsername: "
                        + YamlScalars.string(f.defaultParticipantUsername()));
        bool("includeConversationEventKinds", f.includeConversationEventKinds());
    }

    private void flags(FeatureFlags f) {
        section("What the writers include, and which daemon features run.");
        line(0, "featureFlags:");
        bool("writerIncludeCommentary", f.writerIncludeCommentary());
        bool("writerIncludeThinking", f.writerIncludeThinking());
        bool("writerIncludeToolCalls", f.writerIncludeToolCalls());
        bool("writerItalicizeUserMessages", f.writerItalicizeUserMessages());
        bool("daemonExportEnabled", f.daemonExportEnabled());
        bool("captureIncludeSystemEvents", f.captureIncludeSystemEvents());
    }

    private void timeZone(KatoConfig config, Environment env) {
        section(
                "Time zone of Markdown heading times: `system` or an IANA id such as"
                        + " Europe/Berlin.");
        String value = config.timeZone().map(ZoneId::getId).orElse("system");
        String resolved =
                !commented && config.timeZone().isEmpty()
                        ? "  # resolves to " + env.systemZone().getId()
                        : "";
        line(0, "timeZone: " + YamlScalars.string(value) + resolved);
    }

    private void writer(WriterConfig w) {
        section("Tool results longer than toolResultMaxChars are truncated (0 to 10000000);");
        explain("destinations must have one of allowedExtensions.");
        line(0, "writer:");
        line(1, "toolResultMaxChars: " + w.toolResultMaxChars());
        line(1, "allowedExtensions:");
        w.allowedExtensions().forEach(e -> line(2, "- " + YamlScalars.string(e)));
    }

    private void paths(int indent, String key, List<Path> paths) {
        if (paths.isEmpty()) {
            line(indent, key + ": []");
            return;
        }
        line(indent, key + ":");
        paths.forEach(p -> line(indent + 1, "- " + YamlScalars.string(pathText.apply(p))));
    }

    private void bool(String key, boolean value) {
        line(1, key + ": " + value);
    }

    private void section(String comment) {
        blank();
        explain(comment);
    }

    private void explain(String comment) {
        if (commented) {
            comment(comment);
        }
    }

    private void comment(String text) {
        out.append("# ").append(text).append('\n');
    }

    private void blank() {
        out.append('\n');
    }

    private void line(int indent, String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
    }
}

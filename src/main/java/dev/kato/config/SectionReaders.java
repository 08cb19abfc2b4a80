package dev.kato.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads each config section and the value types that need more than a YAML type check. */
final class SectionReaders {
    private static final Set<String> ZONE_IDS = ZoneId.getAvailableZoneIds();
    private final Environment env;
    private final Problems problems;

    SectionReaders(Environment env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    MarkdownFrontmatter frontmatter(Optional<YamlMapping> section) {
        MarkdownFrontmatter d = MarkdownFrontmatter.DEFAULTS;
        return section.map(s ->
                        new MarkdownFrontmatter(
                                s.bool(
                                        "includeFrontmatterInMarkdownRecordings",
                                        d.includeFrontmatterInMarkdownRecordings()),
                                s.bool(
                                        "includeUpdatedInFrontmatter",
                                        d.includeUpdatedInFrontmatter()),
                                s.bool(
                                        "addParticipantUsernameToFrontmatter",
                                        d.addParticipantUsernameToFrontmatter()),
                                s.read(
                                        "defaultParticipantUsername",
                                        d.defaultParticipantUsername(),
                                        this::username),
                                s.bool(
                                        "includeConversationEventKinds",
                                        d.includeConversationEventKinds())))
                .orElse(d);
    }

    FeatureFlags featureFlags(Optional<YamlMapping> section) {
        FeatureFlags d = FeatureFlags.DEFAULTS;
        return section.map(s ->
                        new FeatureFlags(
                                s.bool("writerIncludeCommentary", d.writerIncludeCommentary()),
                                s.bool("writerIncludeThinking", d.writerIncludeThinking()),
                                s.bool("writerIncludeToolCalls", d.writerIncludeToolCalls()),
                                s.bool(
                                        "writerItalicizeUserMessages",
                                        d.writerItalicizeUserMessages()),
                                s.bool("daemonExportEnabled", d.daemonExportEnabled()),
                                s.bool(
                                        "captureIncludeSystemEvents",
                                        d.captureIncludeSystemEvents())))
                .orElse(d);
    }

    LoggingConfig logging(Optional<YamlMapping> section) {
        LoggingConfig d = LoggingConfig.DEFAULTS;
        List<String> levels = Arrays.stream(LogLevel.values()).map(LogLevel::configValue).toList();
        return section.map(s ->
                        new LoggingConfig(
                                s.read(
                                        "operationalLevel",
                                        d.operationalLevel(),
                                        (n, at) -> choice(n, at, levels, LogLevel::tryParse)),
                                s.read(
                                        "auditLevel",
                                        d.auditLevel(),
                                        (n, at) -> choice(n, at, levels, LogLevel::tryParse))))
                .orElse(d);
    }

    WriterConfig writer(Optional<YamlMapping> section) {
        WriterConfig d = WriterConfig.DEFAULTS;
        return section.map(s ->
                        new WriterConfig(
                                s.integer(
                                        "toolResultMaxChars",
                                        d.toolResultMaxChars(),
                                        0,
                                        WriterConfig.MAX_TOOL_RESULT_CHARS),
                                s.read(
                                        "allowedExtensions",
                                        d.allowedExtensions(),
                                        this::extensions)))
                .orElse(d);
    }

    IngestConfig ingest(Optional<YamlMapping> section) {
        IngestConfig d = IngestConfig.DEFAULTS;
        return section.map(s ->
                        new IngestConfig(
                                s.integer(
                                        "maxLineBytes",
                                        d.maxLineBytes(),
                                        IngestConfig.MIN_LINE_BYTES,
                                        IngestConfig.MAX_LINE_BYTES)))
                .orElse(d);
    }

    CommandsConfig commands(Optional<YamlMapping> section) {
        CommandsConfig d = CommandsConfig.DEFAULTS;
        return section.map(s ->
                        new CommandsConfig(
                                s.read("maxAge", d.maxAge(), this::duration),
                                s.bool("confirmWithPromptHistory", d.confirmWithPromptHistory())))
                .orElse(d);
    }

    SandboxConfig sandbox(Optional<YamlMapping> section) {
        SandboxConfig d = SandboxConfig.DEFAULTS;
        List<String> modes =
                Arrays.stream(SandboxMode.values()).map(SandboxMode::configValue).toList();
        return section.map(s ->
                        new SandboxConfig(
                                s.read(
                                        "mode",
                                        d.mode(),
                                        (n, at) -> choice(n, at, modes, SandboxMode::tryParse))))
                .orElse(d);
    }

    /** A list of absolute directories; duplicates (after normalisation) are dropped. */
    List<ConfigReader.LocatedPath> pathList(Node node, String at) {
        List<ConfigReader.LocatedPath> located = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        List<Node> items =
                YamlValues.sequence(node, at, "a list of absolute directories", problems)
                        .orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemAt = KeyPaths.index(at, i);
            Optional<String> raw =
                    YamlValues.string(item, itemAt, "an absolute directory path", problems);
            if (raw.isEmpty()) {
                continue;
            }
            switch (ConfigPaths.parse(raw.get(), env.home())) {
                case ConfigPaths.Outcome.Accepted(Path path) -> {
                    if (seen.add(path)) {
                        located.add(
                                new ConfigReader.LocatedPath(path, itemAt, Problems.lineOf(item)));
                    }
                }
                case ConfigPaths.Outcome.Rejected(String reason) ->
                        problems.add(itemAt, item, reason);
            }
        }
        return located;
    }

    Optional<Optional<ZoneId>> timeZone(Node node, String at) {
        Optional<String> raw =
                YamlValues.string(node, at, "`system` or an IANA time-zone id", problems);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.get().equals("system")) {
            return Optional.of(Optional.empty());
        }
        if (ZONE_IDS.contains(raw.get())) {
            return Optional.of(Optional.of(ZoneId.of(raw.get())));
        }
        String hint =
                ZONE_IDS.stream()
                        .filter(id -> id.equalsIgnoreCase(raw.get()))
                        .findFirst()
                        .map(id -> "; did you mean `" + id + "`?")
                        .orElse("");
        problems.add(
                at,
                node,
                "unknown time zone: expected `system` or an IANA id such as `Europe/Berlin` or"
                        + " `UTC`"
                        + hint);
        return Optional.empty();
    }

    private Optional<String> username(Node node, String at) {
        Optional<String> raw = YamlValues.string(node, at, "a string", problems);
        if (raw.isPresent()
                && (raw.get().length() > MarkdownFrontmatter.MAX_USERNAME_CHARS
                        || raw.get().codePoints().anyMatch(ConfigPaths::isControl))) {
            problems.add(
                    at,
                    node,
                    "must be at most "
                            + MarkdownFrontmatter.MAX_USERNAME_CHARS
                            + " characters, without control characters");
            return Optional.empty();
        }
        return raw;
    }

    private Optional<List<String>> extensions(Node node, String at) {
        Optional<List<Node>> items =
                YamlValues.sequence(node, at, "a list of file extensions", problems);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        Set<String> result = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < items.get().size(); i++) {
            Node item = items.get().get(i);
            String itemAt = KeyPaths.index(at, i);
            Optional<String> raw =
                    YamlValues.string(item, itemAt, "an extension such as `.md`", problems);
            if (raw.isPresent() && WriterConfig.EXTENSION.matcher(raw.get()).matches()) {
                result.add(raw.get());
                continue;
            }
            ok = false;
            if (raw.isPresent()) {
                problems.add(
                        itemAt,
                        item,
                        "expected a lower-case extension with its dot, such as `.md` (letters,"
                                + " digits, `_`, `-`; at most 17 characters)");
            }
        }
        if (ok && result.isEmpty()) {
            problems.add(at, node, "must list at least one extension");
            ok = false;
        }
        return ok ? Optional.of(List.copyOf(result)) : Optional.empty();
    }

    private Optional<Duration> duration(Node node, String at) {
        String expected = "a duration such as `90s`, `10m` or `2h` (0s to 24h)";
        Optional<String> raw = YamlValues.string(node, at, expected, problems);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> parsed =
                ConfigDurations.tryParse(raw.get())
                        .filter(d -> d.compareTo(CommandsConfig.MAX_MAX_AGE) <= 0);
        if (parsed.isEmpty()) {
            problems.add(at, node, "expected " + expected);
        }
        return parsed;
    }

    private <E> Optional<E> choice(
            Node node, String at, List<String> allowed, Function<String, Optional<E>> parse) {
        Optional<String> raw =
                YamlValues.string(node, at, "one of " + String.join(", ", allowed), problems);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Optional<E> parsed = parse.apply(raw.get());
        if (parsed.isEmpty()) {
            String hint =
                    KeySuggestions.closest(raw.get(), allowed)
                            .map(s -> "; did you mean `" + s + "`?")
                            .orElse("");
            problems.add(at, node, "must be one of " + String.join(", ", allowed) + hint);
        }
        return parsed;
    }
}

package dev.kato.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/** The schema's key names, per section. The empty section name is the top level. */
final class ConfigKeys {
    static final String SCHEMA_VERSION = "schemaVersion";
    static final String PROVIDER_SESSION_ROOTS = "providerSessionRoots";
    static final String ALLOWED_WRITE_ROOTS = "allowedWriteRoots";
    static final String MARKDOWN_FRONTMATTER = "markdownFrontmatter";
    static final String FEATURE_FLAGS = "featureFlags";
    static final String LOGGING = "logging";
    static final String TIME_ZONE = "timeZone";
    static final String WRITER = "writer";
    static final String INGEST = "ingest";
    static final String COMMANDS = "commands";
    static final String SANDBOX = "sandbox";

    static final List<String> ROOT =
            List.of(
                    SCHEMA_VERSION,
                    PROVIDER_SESSION_ROOTS,
                    ALLOWED_WRITE_ROOTS,
                    MARKDOWN_FRONTMATTER,
                    FEATURE_FLAGS,
                    LOGGING,
                    TIME_ZONE,
                    WRITER,
                    INGEST,
                    COMMANDS,
                    SANDBOX);
    static final List<String> PROVIDERS = List.of("claude", "codex", "gemini");
    static final List<String> FRONTMATTER =
            List.of(
                    "includeFrontmatterInMarkdownRecordings",
                    "includeUpdatedInFrontmatter",
                    "addParticipantUsernameToFrontmatter",
                    "defaultParticipantUsername",
                    "includeConversationEventKinds");
    static final List<String> FLAGS =
            List.of(
                    "writerIncludeCommentary",
                    "writerIncludeThinking",
                    "writerIncludeToolCalls",
                    "writerItalicizeUserMessages",
                    "daemonExportEnabled",
                    "captureIncludeSystemEvents");
    static final List<String> LOGGING_KEYS = List.of("operationalLevel", "auditLevel");
    static final List<String> WRITER_KEYS = List.of("toolResultMaxChars", "allowedExtensions");
    static final List<String> INGEST_KEYS = List.of("maxLineBytes");
    static final List<String> COMMANDS_KEYS = List.of("maxAge", "confirmWithPromptHistory");
    static final List<String> SANDBOX_KEYS = List.of("mode");

    /** Section path to its keys, in schema order. */
    static final SequencedMap<String, List<String>> SECTIONS = sections();

    private ConfigKeys() {}

    private static SequencedMap<String, List<String>> sections() {
        SequencedMap<String, List<String>> map = new LinkedHashMap<>();
        map.put("", ROOT);
        map.put(PROVIDER_SESSION_ROOTS, PROVIDERS);
        map.put(MARKDOWN_FRONTMATTER, FRONTMATTER);
        map.put(FEATURE_FLAGS, FLAGS);
        map.put(LOGGING, LOGGING_KEYS);
        map.put(WRITER, WRITER_KEYS);
        map.put(INGEST, INGEST_KEYS);
        map.put(COMMANDS, COMMANDS_KEYS);
        map.put(SANDBOX, SANDBOX_KEYS);
        return map;
    }
}

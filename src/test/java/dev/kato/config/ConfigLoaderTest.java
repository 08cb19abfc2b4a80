package dev.kato.config;

import static dev.kato.config.ConfigTesting.env;
import static dev.kato.config.ConfigTesting.load;
import static dev.kato.config.ConfigTesting.parse;
import static dev.kato.config.ConfigTesting.v1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Successful loads; each problem class has its own test in {@link ConfigLoaderProblemsTest}. */
class ConfigLoaderTest {
    private static final Path HOME = ConfigTesting.HOME;

    @Test
    void parse_onlySchemaVersion_isAllDefaults() {
        assertThat(load("schemaVersion: 1\n")).isEqualTo(KatoConfig.defaults(env()));
    }

    @Test
    void parse_fullMapping_setsEveryKey() {
        KatoConfig config = load(ConfigTestFiles.text("full.yaml"));
        KatoConfig expected =
                new KatoConfig(
                        1,
                        new ProviderSessionRoots(
                                List.of(HOME.resolve("claude-a"), Path.of("/srv/claude-b")),
                                List.of(),
                                List.of(Path.of("/opt/gemini logs"))),
                        List.of(HOME.resolve("notes"), Path.of("/tmp/kato-out")),
                        new MarkdownFrontmatter(false, true, true, "ada", true),
                        new FeatureFlags(false, true, true, true, false, true),
                        new LoggingConfig(LogLevel.DEBUG, LogLevel.WARN),
                        Optional.of(ZoneId.of("Europe/Berlin")),
                        new WriterConfig(250, List.of(".md", ".txt")),
                        new IngestConfig(1024 * 1024),
                        new CommandsConfig(Duration.ofSeconds(90)),
                        new SandboxConfig(SandboxMode.BEST_EFFORT));
        assertThat(config).isEqualTo(expected);
    }

    @Test
    void parse_fullMapping_differsFromDefaultsInEveryComponent() {
        KatoConfig full = load(ConfigTestFiles.text("full.yaml"));
        KatoConfig defaults = KatoConfig.defaults(env());
        assertThat(full.providerSessionRoots().claude())
                .isNotEqualTo(defaults.providerSessionRoots().claude());
        assertThat(full.providerSessionRoots().codex())
                .isNotEqualTo(defaults.providerSessionRoots().codex());
        assertThat(full.providerSessionRoots().gemini())
                .isNotEqualTo(defaults.providerSessionRoots().gemini());
        assertThat(full.allowedWriteRoots()).isNotEqualTo(defaults.allowedWriteRoots());
        assertThat(full.timeZone()).isNotEqualTo(defaults.timeZone());
        assertThat(full.logging().operationalLevel())
                .isNotEqualTo(defaults.logging().operationalLevel());
        assertThat(full.logging().auditLevel()).isNotEqualTo(defaults.logging().auditLevel());
        assertThat(full.writer().toolResultMaxChars())
                .isNotEqualTo(defaults.writer().toolResultMaxChars());
        assertThat(full.writer().allowedExtensions())
                .isNotEqualTo(defaults.writer().allowedExtensions());
        assertThat(full.ingest()).isNotEqualTo(defaults.ingest());
        assertThat(full.commands()).isNotEqualTo(defaults.commands());
        assertThat(full.sandbox()).isNotEqualTo(defaults.sandbox());
        MarkdownFrontmatter f = full.markdownFrontmatter();
        MarkdownFrontmatter df = defaults.markdownFrontmatter();
        assertThat(f.includeFrontmatterInMarkdownRecordings())
                .isNotEqualTo(df.includeFrontmatterInMarkdownRecordings());
        assertThat(f.includeUpdatedInFrontmatter()).isNotEqualTo(df.includeUpdatedInFrontmatter());
        assertThat(f.addParticipantUsernameToFrontmatter())
                .isNotEqualTo(df.addParticipantUsernameToFrontmatter());
        assertThat(f.defaultParticipantUsername()).isNotEqualTo(df.defaultParticipantUsername());
        assertThat(f.includeConversationEventKinds())
                .isNotEqualTo(df.includeConversationEventKinds());
        FeatureFlags ff = full.featureFlags();
        FeatureFlags dff = defaults.featureFlags();
        assertThat(ff.writerIncludeCommentary()).isNotEqualTo(dff.writerIncludeCommentary());
        assertThat(ff.writerIncludeThinking()).isNotEqualTo(dff.writerIncludeThinking());
        assertThat(ff.writerIncludeToolCalls()).isNotEqualTo(dff.writerIncludeToolCalls());
        assertThat(ff.writerItalicizeUserMessages())
                .isNotEqualTo(dff.writerItalicizeUserMessages());
        assertThat(ff.daemonExportEnabled()).isNotEqualTo(dff.daemonExportEnabled());
        assertThat(ff.captureIncludeSystemEvents()).isNotEqualTo(dff.captureIncludeSystemEvents());
    }

    @Test
    void parse_reportsSha256OfTheBytes() {
        byte[] bytes = "schemaVersion: 1\n".getBytes(StandardCharsets.UTF_8);
        ConfigResult.Loaded loaded = (ConfigResult.Loaded) ConfigLoader.parse(bytes, env());
        assertThat(loaded.sha256())
                .isEqualTo("ed15348afbcf3cc6b29b6c45a706ac1e7d627dddf3df014a10f560fe97ba3d04");
        assertThat(loaded.notices()).isEmpty();
    }

    @Test
    void parse_tildeExpandsToHome() {
        KatoConfig config = load(v1("allowedWriteRoots: [\"~\", ~/a/./b/, '~/c']\n"));
        assertThat(config.allowedWriteRoots())
                .containsExactly(HOME, HOME.resolve("a/b"), HOME.resolve("c"));
    }

    @Test
    void parse_bareTilde_isYamlNull_withAHint() {
        assertThat(ConfigTesting.onlyProblem(v1("allowedWriteRoots: [~]\n")).message())
                .contains("found an empty value (null)")
                .contains("write `\"~\"` for the home directory");
    }

    @Test
    void parse_duplicatePathsAfterNormalisation_areDroppedSilently() {
        KatoConfig config = load(v1("allowedWriteRoots: [/a/b, /a/b/, /a//b, /a/./b]\n"));
        assertThat(config.allowedWriteRoots()).containsExactly(Path.of("/a/b"));
    }

    @Test
    void parse_partialSections_keepDefaultsForTheRest() {
        KatoConfig config =
                load(
                        v1(
                                "providerSessionRoots:\n  codex: [/x]\nfeatureFlags:\n  writerIncludeThinking: true\n"));
        KatoConfig defaults = KatoConfig.defaults(env());
        assertThat(config.providerSessionRoots().claude())
                .isEqualTo(defaults.providerSessionRoots().claude());
        assertThat(config.providerSessionRoots().codex()).containsExactly(Path.of("/x"));
        assertThat(config.featureFlags())
                .isEqualTo(new FeatureFlags(true, true, false, false, true, false));
    }

    @Test
    void parse_yaml12CoreBooleans_andQuotedKeys_areAccepted() {
        KatoConfig config =
                load(
                        v1(
                                "featureFlags:\n  writerIncludeThinking: True\n  \"writerIncludeToolCalls\": TRUE\n"));
        assertThat(config.featureFlags().writerIncludeThinking()).isTrue();
        assertThat(config.featureFlags().writerIncludeToolCalls()).isTrue();
    }

    @Test
    void parse_bomAndCrlf_areAccepted() {
        byte[] bytes =
                "\uFEFFschemaVersion: 1\r\nsandbox:\r\n  mode: off\r\n"
                        .getBytes(StandardCharsets.UTF_8);
        ConfigResult result = ConfigLoader.parse(bytes, env());
        assertThat(result).isInstanceOf(ConfigResult.Loaded.class);
        assertThat(((ConfigResult.Loaded) result).config().sandbox().mode())
                .isEqualTo(SandboxMode.OFF);
    }

    @Test
    void parse_durations_acceptOnePlainForm() {
        assertThat(load(v1("commands: {maxAge: 0s}\n")).commands().maxAge()).isZero();
        assertThat(load(v1("commands: {maxAge: 2h}\n")).commands().maxAge())
                .isEqualTo(Duration.ofHours(2));
        assertThat(load(v1("commands: {maxAge: 24h}\n")).commands().maxAge())
                .isEqualTo(Duration.ofHours(24));
        assertThat(load(v1("commands: {maxAge: 15m}\n")).commands().maxAge())
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void parse_timeZoneSystem_isEmpty() {
        assertThat(load(v1("timeZone: system\n")).timeZone()).isEmpty();
        assertThat(load(v1("timeZone: UTC\n")).timeZone()).contains(ZoneId.of("UTC"));
    }

    @Test
    void parse_emptyProviderList_switchesProviderOff() {
        assertThat(load(v1("providerSessionRoots: {gemini: []}\n")).providerSessionRoots().gemini())
                .isEmpty();
    }

    @Test
    void parse_integerBounds_areInclusive() {
        assertThat(load(v1("writer: {toolResultMaxChars: 0}\n")).writer().toolResultMaxChars())
                .isZero();
        assertThat(
                        load(v1("writer: {toolResultMaxChars: 10000000}\n"))
                                .writer()
                                .toolResultMaxChars())
                .isEqualTo(10_000_000);
        assertThat(load(v1("ingest: {maxLineBytes: 1024}\n")).ingest().maxLineBytes())
                .isEqualTo(1024);
        assertThat(load(v1("ingest: {maxLineBytes: 268435456}\n")).ingest().maxLineBytes())
                .isEqualTo(268435456);
    }

    @Test
    void load_missingFile_isMissing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kato-config.yaml");
        assertThat(ConfigLoader.load(file, env())).isEqualTo(new ConfigResult.Missing(file));
    }

    @Test
    void load_environmentConfigPath_isUsed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("custom.yaml");
        Files.writeString(file, "schemaVersion: 1\n");
        Environment env = ConfigTesting.env(java.util.Map.of("KATO_CONFIG_PATH", file.toString()));
        assertThat(ConfigLoader.load(env)).isInstanceOf(ConfigResult.Loaded.class);
    }

    @Test
    void load_directory_isInvalidNotMissing(@TempDir Path dir) throws IOException {
        ConfigResult result = ConfigLoader.load(dir, env());
        assertThat(((ConfigResult.Invalid) result).problems().getFirst().message())
                .contains("not a regular file");
    }

    @Test
    void load_danglingSymlink_isInvalidNotMissing(@TempDir Path dir) throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("kato-config.yaml"), dir.resolve("gone"));
        ConfigResult result = ConfigLoader.load(link, env());
        assertThat(((ConfigResult.Invalid) result).problems().getFirst().message())
                .contains("symbolic link to nothing");
    }

    @Test
    void load_symlinkToFile_isFollowed(@TempDir Path dir) throws IOException {
        Path real = Files.writeString(dir.resolve("real.yaml"), "schemaVersion: 1\n");
        Path link = Files.createSymbolicLink(dir.resolve("kato-config.yaml"), real);
        assertThat(ConfigLoader.load(link, env())).isInstanceOf(ConfigResult.Loaded.class);
    }

    @Test
    void load_hugeFile_readsOnlyPastTheCap(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.write(file, new byte[5 * 1024 * 1024]);
        ConfigResult result = ConfigLoader.load(file, env());
        assertThat(((ConfigResult.Invalid) result).problems().getFirst().message())
                .contains("1 MiB");
    }

    @Test
    void loaded_toString_showsNoPaths() {
        ConfigResult result = parse(ConfigTestFiles.text("full.yaml"));
        assertThat(result.toString())
                .doesNotContain("/home/tester")
                .doesNotContain("ada")
                .doesNotContain("/srv");
    }
}

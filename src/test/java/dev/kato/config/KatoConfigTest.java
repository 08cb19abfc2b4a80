package dev.kato.config;

import static dev.kato.config.ConfigTesting.HOME;
import static dev.kato.config.ConfigTesting.KATO_HOME;
import static dev.kato.config.ConfigTesting.env;
import static dev.kato.config.ConfigTesting.load;
import static dev.kato.config.ConfigTesting.v1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A defaults test and a full-mapping test for each config record. */
class KatoConfigTest {

    @Nested
    class WholeConfig {
        @Test
        void defaults() {
            KatoConfig d = KatoConfig.defaults(env());
            assertThat(d.schemaVersion()).isEqualTo(1);
            assertThat(d.allowedWriteRoots())
                    .containsExactly(KATO_HOME.resolve("recordings"), KATO_HOME.resolve("exports"));
            assertThat(d.timeZone()).isEmpty();
            assertThat(d.resolveTimeZone(ZoneId.of("Asia/Tokyo")))
                    .isEqualTo(ZoneId.of("Asia/Tokyo"));
            assertThat(d.markdownFrontmatter()).isEqualTo(MarkdownFrontmatter.DEFAULTS);
            assertThat(d.featureFlags()).isEqualTo(FeatureFlags.DEFAULTS);
            assertThat(d.logging()).isEqualTo(LoggingConfig.DEFAULTS);
            assertThat(d.writer()).isEqualTo(WriterConfig.DEFAULTS);
            assertThat(d.ingest()).isEqualTo(IngestConfig.DEFAULTS);
            assertThat(d.commands()).isEqualTo(CommandsConfig.DEFAULTS);
            assertThat(d.sandbox()).isEqualTo(SandboxConfig.DEFAULTS);
        }

        @Test
        void defaults_followKatoHome() {
            Environment moved = env(java.util.Map.of("KATO_HOME", "/srv/k"));
            assertThat(KatoConfig.defaults(moved).allowedWriteRoots())
                    .containsExactly(Path.of("/srv/k/recordings"), Path.of("/srv/k/exports"));
        }

        @Test
        void withExtraAllowedWriteRoots_appendsWithoutDuplicates() {
            KatoConfig d = KatoConfig.defaults(env());
            assertThat(
                            d.withExtraAllowedWriteRoots(
                                            List.of(Path.of("/n"), KATO_HOME.resolve("exports")))
                                    .allowedWriteRoots())
                    .containsExactly(
                            KATO_HOME.resolve("recordings"),
                            KATO_HOME.resolve("exports"),
                            Path.of("/n"));
        }

        @Test
        void constructor_rejectsInvalidValues() {
            KatoConfig d = KatoConfig.defaults(env());
            assertThatThrownBy(() ->
                            new KatoConfig(
                                    2,
                                    d.providerSessionRoots(),
                                    d.allowedWriteRoots(),
                                    d.markdownFrontmatter(),
                                    d.featureFlags(),
                                    d.logging(),
                                    d.timeZone(),
                                    d.writer(),
                                    d.ingest(),
                                    d.commands(),
                                    d.sandbox()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() ->
                            new KatoConfig(
                                    1,
                                    d.providerSessionRoots(),
                                    List.of(Path.of("rel")),
                                    d.markdownFrontmatter(),
                                    d.featureFlags(),
                                    d.logging(),
                                    d.timeZone(),
                                    d.writer(),
                                    d.ingest(),
                                    d.commands(),
                                    d.sandbox()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() ->
                            new KatoConfig(
                                    1,
                                    d.providerSessionRoots(),
                                    List.of(Path.of("/a/../b")),
                                    d.markdownFrontmatter(),
                                    d.featureFlags(),
                                    d.logging(),
                                    d.timeZone(),
                                    d.writer(),
                                    d.ingest(),
                                    d.commands(),
                                    d.sandbox()))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void toString_hidesPathsAndUsername() {
            KatoConfig config = load(ConfigTestFiles.text("full.yaml"));
            assertThat(config.toString())
                    .doesNotContain("/home/tester")
                    .doesNotContain("/srv")
                    .doesNotContain("ada")
                    .contains("allowedWriteRoots=<2 roots>")
                    .contains("claude=2 roots")
                    .contains("timeZone=Europe/Berlin");
        }
    }

    @Nested
    class ProviderSessionRootsRecord {
        @Test
        void defaults() {
            assertThat(ProviderSessionRoots.defaults(HOME))
                    .isEqualTo(
                            new ProviderSessionRoots(
                                    List.of(HOME.resolve(".claude/projects")),
                                    List.of(HOME.resolve(".codex/sessions")),
                                    List.of(HOME.resolve(".gemini/tmp"))));
        }

        @Test
        void fullMapping() {
            assertThat(
                            load(v1(
                                            "providerSessionRoots:\n  claude: [/c1, /c2]\n  codex: [/x]\n  gemini: []\n"))
                                    .providerSessionRoots())
                    .isEqualTo(
                            new ProviderSessionRoots(
                                    List.of(Path.of("/c1"), Path.of("/c2")),
                                    List.of(Path.of("/x")),
                                    List.of()));
        }

        @Test
        void byProviderId_matchesTheProviderEnum() {
            assertThat(ProviderSessionRoots.defaults(HOME).byProviderId().keySet())
                    .containsExactly(
                            java.util.Arrays.stream(dev.kato.event.Provider.values())
                                    .map(dev.kato.event.Provider::id)
                                    .toArray(String[]::new));
        }
    }

    @Nested
    class MarkdownFrontmatterRecord {
        @Test
        void defaults() {
            assertThat(MarkdownFrontmatter.DEFAULTS)
                    .isEqualTo(new MarkdownFrontmatter(true, false, false, "", false));
        }

        @Test
        void fullMapping() {
            assertThat(
                            load(v1(
                                            """
                                            markdownFrontmatter:
                                              includeFrontmatterInMarkdownRecordings: false
                                              includeUpdatedInFrontmatter: true
                                              addParticipantUsernameToFrontmatter: true
                                              defaultParticipantUsername: "Grace H."
                                              includeConversationEventKinds: true
                                            """))
                                    .markdownFrontmatter())
                    .isEqualTo(new MarkdownFrontmatter(false, true, true, "Grace H.", true));
        }

        @Test
        void toString_showsOnlyTheUsernameLength() {
            assertThat(new MarkdownFrontmatter(true, false, true, "grace", false).toString())
                    .contains("defaultParticipantUsername=<5 chars>")
                    .doesNotContain("grace");
        }
    }

    @Nested
    class FeatureFlagsRecord {
        @Test
        void defaults() {
            assertThat(FeatureFlags.DEFAULTS)
                    .isEqualTo(new FeatureFlags(true, false, false, false, true, false));
        }

        @Test
        void fullMapping() {
            assertThat(
                            load(v1(
                                            """
                                            featureFlags:
                                              writerIncludeCommentary: false
                                              writerIncludeThinking: true
                                              writerIncludeToolCalls: true
                                              writerItalicizeUserMessages: true
                                              daemonExportEnabled: false
                                              captureIncludeSystemEvents: true
                                            """))
                                    .featureFlags())
                    .isEqualTo(new FeatureFlags(false, true, true, true, false, true));
        }
    }

    @Nested
    class LoggingConfigRecord {
        @Test
        void defaults() {
            assertThat(LoggingConfig.DEFAULTS)
                    .isEqualTo(new LoggingConfig(LogLevel.INFO, LogLevel.INFO));
        }

        @Test
        void fullMapping() {
            assertThat(
                            load(v1("logging:\n  operationalLevel: error\n  auditLevel: debug\n"))
                                    .logging())
                    .isEqualTo(new LoggingConfig(LogLevel.ERROR, LogLevel.DEBUG));
        }
    }

    @Nested
    class WriterConfigRecord {
        @Test
        void defaults() {
            assertThat(WriterConfig.DEFAULTS)
                    .isEqualTo(new WriterConfig(4000, List.of(".md", ".markdown", ".jsonl")));
        }

        @Test
        void fullMapping() {
            assertThat(
                            load(v1(
                                            "writer:\n  toolResultMaxChars: 12\n  allowedExtensions: [.jsonl]\n"))
                                    .writer())
                    .isEqualTo(new WriterConfig(12, List.of(".jsonl")));
        }

        @Test
        void constructor_rejectsBadExtensions() {
            assertThatThrownBy(() -> new WriterConfig(1, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new WriterConfig(1, List.of("md")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new WriterConfig(-1, List.of(".md")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class IngestConfigRecord {
        @Test
        void defaults() {
            assertThat(IngestConfig.DEFAULTS).isEqualTo(new IngestConfig(33554432));
        }

        @Test
        void fullMapping() {
            assertThat(load(v1("ingest:\n  maxLineBytes: 0o4000\n")).ingest())
                    .isEqualTo(new IngestConfig(2048));
        }
    }

    @Nested
    class CommandsConfigRecord {
        @Test
        void defaults() {
            assertThat(CommandsConfig.DEFAULTS)
                    .isEqualTo(new CommandsConfig(Duration.ofMinutes(10)));
        }

        @Test
        void fullMapping() {
            assertThat(load(v1("commands:\n  maxAge: 45s\n")).commands())
                    .isEqualTo(new CommandsConfig(Duration.ofSeconds(45)));
        }

        @Test
        void constructor_rejectsOutOfRange() {
            assertThatThrownBy(() -> new CommandsConfig(Duration.ofHours(25)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CommandsConfig(Duration.ofMillis(1500)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class SandboxConfigRecord {
        @Test
        void defaults() {
            assertThat(SandboxConfig.DEFAULTS).isEqualTo(new SandboxConfig(SandboxMode.REQUIRED));
        }

        @Test
        void fullMapping() {
            assertThat(load(v1("sandbox:\n  mode: off\n")).sandbox())
                    .isEqualTo(new SandboxConfig(SandboxMode.OFF));
            assertThat(load(v1("sandbox:\n  mode: best-effort\n")).sandbox())
                    .isEqualTo(new SandboxConfig(SandboxMode.BEST_EFFORT));
            assertThat(load(v1("sandbox:\n  mode: required\n")).sandbox())
                    .isEqualTo(new SandboxConfig(SandboxMode.REQUIRED));
        }
    }

    @Nested
    class TimeZoneKey {
        @Test
        void defaultIsSystem() {
            assertThat(KatoConfig.defaults(env()).timeZone()).isEqualTo(Optional.empty());
        }

        @Test
        void fullMapping() {
            assertThat(load(v1("timeZone: America/New_York\n")).timeZone())
                    .contains(ZoneId.of("America/New_York"));
        }
    }
}

package dev.kato.config;

import static dev.kato.config.ConfigTesting.env;
import static dev.kato.config.ConfigTesting.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigWriterTest {

    @Test
    void renderInitial_defaults_loadsBackEqual() {
        KatoConfig defaults = KatoConfig.defaults(env());
        String yaml = ConfigWriter.renderInitial(defaults, env());
        assertThat(load(yaml)).isEqualTo(defaults);
    }

    @Test
    void renderInitial_writesHomePathsWithTilde() {
        String yaml = ConfigWriter.renderInitial(KatoConfig.defaults(env()), env());
        assertThat(yaml)
                .contains("    - ~/.claude/projects\n")
                .contains("  - ~/.kato/recordings\n")
                .contains("  - ~/.kato/exports\n")
                .doesNotContain("/home/tester");
    }

    @Test
    void renderInitial_isDeterministic() {
        KatoConfig defaults = KatoConfig.defaults(env());
        assertThat(ConfigWriter.renderInitial(defaults, env()))
                .isEqualTo(ConfigWriter.renderInitial(KatoConfig.defaults(env()), env()));
    }

    @Test
    void renderInitial_matchesGolden() {
        String yaml = ConfigWriter.renderInitial(KatoConfig.defaults(env()), env());
        assertThat(yaml).isEqualTo(ConfigTestFiles.text("initial-default.yaml"));
    }

    @Test
    void renderInitial_everyKeyPresent() {
        String yaml = ConfigWriter.renderInitial(KatoConfig.defaults(env()), env());
        ConfigKeys.SECTIONS.values().stream()
                .flatMap(List::stream)
                .forEach(key -> assertThat(yaml).contains(key + ":"));
    }

    @Test
    void renderEffective_nonDefaults_loadsBackEqual_withAbsolutePaths() {
        KatoConfig config = load(ConfigTestFiles.text("full.yaml"));
        String yaml = ConfigWriter.renderEffective(config, env());
        assertThat(load(yaml)).isEqualTo(config);
        assertThat(yaml).contains("/home/tester/").doesNotContain("~/");
    }

    @Test
    void renderEffective_systemZone_isNamedInAComment() {
        Environment berlin;
        try {
            berlin = Environment.of(Map.of(), ConfigTesting.HOME, ZoneId.of("Europe/Berlin"));
        } catch (InvalidEnvironmentException e) {
            throw new AssertionError(e);
        }
        String yaml = ConfigWriter.renderEffective(KatoConfig.defaults(berlin), berlin);
        assertThat(yaml).contains("timeZone: system  # resolves to Europe/Berlin\n");
    }

    @Test
    void render_awkwardStrings_areQuotedAndLoadBack() {
        KatoConfig base = KatoConfig.defaults(env());
        KatoConfig awkward =
                new KatoConfig(
                        1,
                        new ProviderSessionRoots(
                                List.of(Path.of("/data/with space/#x: y")),
                                List.of(Path.of("/data/\"quoted\"/it's")),
                                List.of()),
                        List.of(Path.of("/out/ünïcödé/-dash"), Path.of("/out/true")),
                        new MarkdownFrontmatter(true, false, true, "null", false),
                        base.featureFlags(),
                        base.logging(),
                        Optional.of(ZoneId.of("America/Argentina/Buenos_Aires")),
                        new WriterConfig(0, List.of(".md", ".1")),
                        base.ingest(),
                        new CommandsConfig(Duration.ofSeconds(61)),
                        base.sandbox());
        assertThat(load(ConfigWriter.renderInitial(awkward, env()))).isEqualTo(awkward);
        assertThat(load(ConfigWriter.renderEffective(awkward, env()))).isEqualTo(awkward);
    }

    @Test
    void yamlScalars_plainOnlyWhenUnambiguous() {
        assertThat(YamlScalars.string("/a/b")).isEqualTo("/a/b");
        assertThat(YamlScalars.string("~/x")).isEqualTo("~/x");
        assertThat(YamlScalars.string("")).isEqualTo("\"\"");
        assertThat(YamlScalars.string("~")).isEqualTo("\"~\"");
        assertThat(YamlScalars.string("true")).isEqualTo("\"true\"");
        assertThat(YamlScalars.string("12")).isEqualTo("\"12\"");
        assertThat(YamlScalars.string(".inf")).isEqualTo("\".inf\"");
        assertThat(YamlScalars.string("a: b")).isEqualTo("\"a: b\"");
        assertThat(YamlScalars.string("tab\there\u0085")).isEqualTo("\"tab\\there\\x85\"");
    }
}

package dev.kato.config;

import static dev.kato.config.ConfigTesting.onlyProblem;
import static dev.kato.config.ConfigTesting.parse;
import static dev.kato.config.ConfigTesting.v1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetiredKeysTest {

    private static List<ConfigProblem> notices(String yaml) {
        ConfigResult result = parse(yaml);
        assertThat(result).isInstanceOf(ConfigResult.Loaded.class);
        return ((ConfigResult.Loaded) result).notices();
    }

    @Test
    void earlierToolsDefaultConfig_loads_withANoticePerRetiredKey() {
        ConfigResult.Loaded loaded =
                (ConfigResult.Loaded) parse(ConfigTestFiles.text("earlier-tool.yaml"));
        assertThat(loaded.notices())
                .extracting(p -> p.line() + " " + p.keyPath())
                .containsExactly(
                        "3 runtimeDir",
                        "4 statusPath",
                        "5 controlPath",
                        "6 katoDir",
                        "16 globalAutoGenerateSnapshots",
                        "17 providerAutoGenerateSnapshots",
                        "20 cleanSessionStatesOnShutdown");
        assertThat(loaded.notices())
                .allSatisfy(p -> assertThat(p.message()).startsWith("retired key, ignored"));
        assertThat(loaded.config().allowedWriteRoots())
                .containsExactly(ConfigTesting.KATO_HOME.resolve("recordings"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "globalAutoGenerateSnapshots: false | vault",
                "globalAutoGenerateSnapshots: yes | vault",
                "providerAutoGenerateSnapshots: {claude: true, codex: false} | vault",
                "providerAutoGenerateSnapshots: true | vault",
                "daemonMaxMemoryMb: 500 | no longer keeps sessions in memory",
                "cleanSessionStatesOnShutdown: true | exactly once",
                "runtimeDir: ~/.kato/daemon | set the KATO_HOME environment variable",
                "runtimeDir: runtime | set the KATO_HOME environment variable",
                "statusPath: /tmp/status.json | KATO_HOME/runtime",
                "controlPath: ~/.kato/daemon/control.json | control socket",
                "katoDir: /opt/kato | KATO_HOME environment variable",
            })
    void retiredKey_thatNoLongerApplies_failsWithMigrationHint(String line, String hint) {
        ConfigProblem problem = onlyProblem(v1(line + "\n"));
        assertThat(problem.keyPath()).isEqualTo(line.substring(0, line.indexOf(':')));
        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.message()).startsWith("retired key: ").contains(hint);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "globalAutoGenerateSnapshots: true",
                "providerAutoGenerateSnapshots: {gemini: true}",
                "cleanSessionStatesOnShutdown: false",
                "runtimeDir: /home/tester/.kato/runtime/",
                "statusPath: ~/.kato/runtime/status.json",
                "controlPath: ~/.kato/runtime/control.json",
                "katoDir: ~/.kato",
            })
    void retiredKey_stillTrue_isIgnoredWithANotice(String line) {
        List<ConfigProblem> notices = notices(v1(line + "\n"));
        assertThat(notices).hasSize(1);
        assertThat(notices.getFirst().keyPath()).isEqualTo(line.substring(0, line.indexOf(':')));
        assertThat(notices.getFirst().line()).isEqualTo(2);
    }

    @Test
    void retiredPathKeys_followKatoHome() {
        Environment moved = ConfigTesting.env(java.util.Map.of("KATO_HOME", "/srv/kato"));
        ConfigResult result =
                ConfigLoader.parse(
                        "schemaVersion: 1\nkatoDir: /srv/kato\nruntimeDir: ~/.kato/runtime\n"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        moved);
        assertThat(((ConfigResult.Invalid) result).problems())
                .extracting(ConfigProblem::keyPath)
                .containsExactly("runtimeDir");
    }

    @Test
    void retiredKey_nestedInASection_isJustUnknown() {
        assertThat(onlyProblem(v1("featureFlags:\n  katoDir: ~/.kato\n")).message())
                .startsWith("unknown key");
    }
}

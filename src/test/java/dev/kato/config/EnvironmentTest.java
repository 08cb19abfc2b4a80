package dev.kato.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentTest {
    private static final Path HOME = Path.of("/home/tester");

    @Test
    void defaults_katoHomeUnderHome() throws InvalidEnvironmentException {
        Environment env = Environment.of(Map.of("PATH", "/usr/bin"), HOME);
        assertThat(env.home()).isEqualTo(HOME);
        assertThat(env.katoHome()).isEqualTo(HOME.resolve(".kato"));
        assertThat(env.configPath()).isEqualTo(HOME.resolve(".kato/kato-config.yaml"));
        assertThat(env.autoInitOnStart()).isTrue();
        assertThat(env.systemZone()).isEqualTo(ZoneId.of("Z"));
    }

    @Test
    void subPaths_areUnderKatoHome() throws InvalidEnvironmentException {
        Environment env = Environment.of(Map.of("KATO_HOME", "/srv/k"), HOME);
        assertThat(env.runtimeDir()).isEqualTo(Path.of("/srv/k/runtime"));
        assertThat(env.sessionsDir()).isEqualTo(Path.of("/srv/k/sessions"));
        assertThat(env.logsDir()).isEqualTo(Path.of("/srv/k/logs"));
        assertThat(env.operationalLogPath()).isEqualTo(Path.of("/srv/k/logs/operational.jsonl"));
        assertThat(env.securityAuditLogPath())
                .isEqualTo(Path.of("/srv/k/logs/security-audit.jsonl"));
        assertThat(env.recordingsDir()).isEqualTo(Path.of("/srv/k/recordings"));
        assertThat(env.exportsDir()).isEqualTo(Path.of("/srv/k/exports"));
    }

    @Test
    void katoHomeOverride_movesTheConfigToo() throws InvalidEnvironmentException {
        Environment env = Environment.of(Map.of("KATO_HOME", "/srv/kato/"), HOME);
        assertThat(env.katoHome()).isEqualTo(Path.of("/srv/kato"));
        assertThat(env.configPath()).isEqualTo(Path.of("/srv/kato/kato-config.yaml"));
    }

    @Test
    void katoHomeWithTilde_expands() throws InvalidEnvironmentException {
        assertThat(Environment.of(Map.of("KATO_HOME", "~/k"), HOME).katoHome())
                .isEqualTo(HOME.resolve("k"));
    }

    @Test
    void configPathOverride() throws InvalidEnvironmentException {
        Environment env = Environment.of(Map.of("KATO_CONFIG_PATH", "/etc/kato.yaml"), HOME);
        assertThat(env.configPath()).isEqualTo(Path.of("/etc/kato.yaml"));
        assertThat(env.katoHome()).isEqualTo(HOME.resolve(".kato"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/kato", "", "./kato", "~other/kato", "/a/../b"})
    void badKatoHome_isRejected(String value) {
        assertThatThrownBy(() -> Environment.of(Map.of("KATO_HOME", value), HOME))
                .isInstanceOfSatisfying(
                        InvalidEnvironmentException.class,
                        e -> {
                            assertThat(e.problems()).hasSize(1);
                            assertThat(e.problems().getFirst().keyPath()).isEqualTo("KATO_HOME");
                            assertThat(e.problems().getFirst().line()).isZero();
                        });
    }

    @Test
    void relativeConfigPath_isRejected() {
        assertThatThrownBy(() -> Environment.of(Map.of("KATO_CONFIG_PATH", "kato.yaml"), HOME))
                .isInstanceOf(InvalidEnvironmentException.class)
                .hasMessageContaining("KATO_CONFIG_PATH: must be an absolute path");
    }

    @Test
    void autoInit_false() throws InvalidEnvironmentException {
        assertThat(
                        Environment.of(Map.of("KATO_AUTO_INIT_ON_START", "false"), HOME)
                                .autoInitOnStart())
                .isFalse();
        assertThat(
                        Environment.of(Map.of("KATO_AUTO_INIT_ON_START", "true"), HOME)
                                .autoInitOnStart())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "no", "FALSE", "False", " false", ""})
    void autoInit_onlyTrueOrFalse(String value) {
        assertThatThrownBy(() -> Environment.of(Map.of("KATO_AUTO_INIT_ON_START", value), HOME))
                .isInstanceOf(InvalidEnvironmentException.class)
                .hasMessageContaining("KATO_AUTO_INIT_ON_START: must be `true` or `false`");
    }

    @Test
    void everyBadVariable_isReportedAtOnce() {
        assertThatThrownBy(() ->
                        Environment.of(
                                Map.of(
                                        "KATO_HOME", "rel",
                                        "KATO_CONFIG_PATH", "",
                                        "KATO_AUTO_INIT_ON_START", "maybe"),
                                HOME))
                .isInstanceOfSatisfying(
                        InvalidEnvironmentException.class,
                        e ->
                                assertThat(e.problems())
                                        .extracting(ConfigProblem::keyPath)
                                        .containsExactly(
                                                "KATO_HOME",
                                                "KATO_CONFIG_PATH",
                                                "KATO_AUTO_INIT_ON_START"));
    }

    @Test
    void problems_neverEchoTheValue() {
        assertThatThrownBy(() -> Environment.of(Map.of("KATO_HOME", "s3cr3t-value"), HOME))
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void toString_abbreviatesHome_andDoesNotDumpTheEnvironment()
            throws InvalidEnvironmentException {
        Environment env =
                Environment.of(Map.of("SECRET_TOKEN", "abc123", "KATO_HOME", "/srv/k"), HOME);
        assertThat(env.toString())
                .isEqualTo(
                        "Environment[katoHome=/srv/k, configPath=/srv/k/kato-config.yaml,"
                                + " autoInitOnStart=true, systemZone=Z]")
                .doesNotContain("abc123");
        assertThat(Environment.of(Map.of(), HOME).toString())
                .contains("katoHome=~/.kato")
                .doesNotContain("tester");
    }

    @Test
    void capture_readsTheRealProcess() throws InvalidEnvironmentException {
        Environment env = Environment.capture();
        assertThat(env.home()).isEqualTo(Path.of(System.getProperty("user.home")).normalize());
        assertThat(env.katoHome()).isAbsolute();
    }

    @Test
    void constructor_rejectsRelativePaths() {
        assertThatThrownBy(() ->
                        new Environment(
                                Path.of("rel"),
                                HOME,
                                HOME.resolve("c.yaml"),
                                true,
                                ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

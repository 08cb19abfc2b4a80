package dev.kato.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shared fixtures for config tests: a fixed environment and load-and-unwrap helpers. */
final class ConfigTesting {
    static final Path HOME = Path.of("/home/tester");
    static final Path KATO_HOME = HOME.resolve(".kato");

    private ConfigTesting() {}

    static Environment env() {
        return env(Map.of());
    }

    static Environment env(Map<String, String> variables) {
        try {
            return Environment.of(variables, HOME);
        } catch (InvalidEnvironmentException e) {
            throw new AssertionError(e);
        }
    }

    static ConfigResult parse(String yaml) {
        return ConfigLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), env());
    }

    static KatoConfig load(String yaml) {
        ConfigResult result = parse(yaml);
        assertThat(result).isInstanceOf(ConfigResult.Loaded.class);
        return ((ConfigResult.Loaded) result).config();
    }

    static List<ConfigProblem> problems(String yaml) {
        return problems(yaml.getBytes(StandardCharsets.UTF_8));
    }

    static List<ConfigProblem> problems(byte[] bytes) {
        ConfigResult result = ConfigLoader.parse(bytes, env());
        assertThat(result).isInstanceOf(ConfigResult.Invalid.class);
        return ((ConfigResult.Invalid) result).problems();
    }

    /** The only problem of {@code yaml}. */
    static ConfigProblem onlyProblem(String yaml) {
        return onlyProblem(yaml.getBytes(StandardCharsets.UTF_8));
    }

    static ConfigProblem onlyProblem(byte[] bytes) {
        List<ConfigProblem> problems = problems(bytes);
        assertThat(problems).hasSize(1);
        return problems.getFirst();
    }

    /** Asserts one problem's key path, line and a fragment of its message. */
    static void assertProblem(ConfigProblem p, String keyPath, int line, String fragment) {
        assertThat(p.keyPath()).as("key path of %s", p).isEqualTo(keyPath);
        assertThat(p.line()).as("line of %s", p).isEqualTo(line);
        assertThat(p.message()).as("message of %s", p).contains(fragment);
    }

    /** {@code schemaVersion: 1} followed by {@code rest}; line 2 is the first line of rest. */
    static String v1(String rest) {
        return "schemaVersion: 1\n" + rest;
    }
}

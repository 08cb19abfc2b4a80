package dev.kato.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigPathsTest {
    private static final Path HOME = Path.of("/home/tester");

    @ParameterizedTest
    @CsvSource({
        "~,/home/tester",
        "~/,/home/tester",
        "~/a,/home/tester/a",
        "~//a/./b/,/home/tester/a/b",
        "/,/",
        "/a//b/,/a/b",
        "/a/.,/a",
        "/ü n/ï,/ü n/ï"
    })
    void parse_accepts(String raw, String expected) {
        assertThat(ConfigPaths.parse(raw, HOME))
                .isEqualTo(new ConfigPaths.Outcome.Accepted(Path.of(expected)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a",
                "./a",
                "../a",
                "~bob",
                "~bob/x",
                "/a/../b",
                "/a/..",
                "/a\\b",
                " /a",
                "/a ",
                "/a\u0000",
                "/a\u001b",
                "/a\u2028"
            })
    void parse_rejects(String raw) {
        assertThat(ConfigPaths.parse(raw, HOME)).isInstanceOf(ConfigPaths.Outcome.Rejected.class);
    }

    @Test
    void parse_rejectsOverlongPaths() {
        assertThat(ConfigPaths.parse("/" + "a".repeat(ConfigPaths.MAX_PATH_CHARS), HOME))
                .isInstanceOf(ConfigPaths.Outcome.Rejected.class);
    }

    @Test
    void abbreviate() {
        assertThat(ConfigPaths.abbreviate(HOME, HOME)).isEqualTo("~");
        assertThat(ConfigPaths.abbreviate(HOME.resolve("x/y"), HOME)).isEqualTo("~/x/y");
        assertThat(ConfigPaths.abbreviate(Path.of("/home/testers"), HOME))
                .isEqualTo("/home/testers");
        assertThat(ConfigPaths.abbreviate(Path.of("/etc"), Path.of("/"))).isEqualTo("/etc");
    }
}

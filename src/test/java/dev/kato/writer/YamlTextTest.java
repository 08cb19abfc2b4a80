package dev.kato.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class YamlTextTest {
    private static Object load(String yaml) {
        return new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "user.djradon|user.djradon",
                "claude.claude-opus-4-6|claude.claude-opus-4-6",
                "0d9c4f5e-8a1b-4c2d-9e3f-5a6b7c8d9e0f|0d9c4f5e-8a1b-4c2d-9e3f-5a6b7c8d9e0f",
                "12345678|'12345678'",
                "1e5|'1e5'",
                "0x1F|'0x1F'",
                "true|'true'",
                "No|'No'",
                "null|'null'",
                "2026-02-21|'2026-02-21'",
                "a:b|'a:b'",
                "a b|'a b'",
                "-lead|'-lead'",
                "it's|'it''s'",
            })
    void string_isPlainOnlyWhenUnambiguous(String in, String out) {
        assertThat(YamlText.string(in)).isEqualTo(out);
    }

    @Test
    void randomStrings_roundTripInsideAFlowList() {
        Random random = new Random(42);
        String alphabet =
                "ab:-#'\"\\ ,[]{}&*!|>%@`\t\n\r\u0000\u0085\u2028\uFEFF\u00e9\ud83d\ude00";
        for (int n = 0; n < 2000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(12);
            for (int i = 0; i < len; i++) {
                int cp =
                        alphabet.codePointAt(
                                alphabet.offsetByCodePoints(
                                        0,
                                        random.nextInt(
                                                alphabet.codePointCount(0, alphabet.length()))));
                sb.appendCodePoint(cp);
            }
            String s = sb.toString();
            assertThat(load("k: " + YamlText.quoted(s)))
                    .as("quoted %s", s)
                    .isEqualTo(java.util.Map.of("k", s));
            assertThat(load("k: [" + YamlText.string(s) + ", x]"))
                    .as("in list %s", s)
                    .isEqualTo(java.util.Map.of("k", java.util.List.of(s, "x")));
        }
    }

    @Test
    void numbersAndSpecials() {
        assertThat(YamlText.value(1.5)).isEqualTo("1.5");
        assertThat(YamlText.value(Double.NaN)).isEqualTo(".nan");
        assertThat(YamlText.value(Double.NEGATIVE_INFINITY)).isEqualTo("-.inf");
        assertThat(YamlText.value(null)).isEqualTo("null");
        assertThat(YamlText.value(java.util.Map.of())).isEqualTo("{}");
        assertThat(load("k: " + YamlText.value(1.0e20))).isEqualTo(java.util.Map.of("k", 1.0e20));
    }
}

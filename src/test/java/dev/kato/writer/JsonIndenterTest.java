package dev.kato.writer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonIndenterTest {
    @Test
    void indentsLikeJsonStringifyWithTwoSpaces() {
        assertThat(JsonIndenter.tryIndent("{\"a\":[1,{\"b\":\"x, y: {z}\"}],\"e\":{},\"f\":[ ]}"))
                .hasValue(
                        "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x, y: {z}\"\n    }\n  ],\n"
                                + "  \"e\": {},\n  \"f\": []\n}");
    }

    @Test
    void copiesStringsAndNumbersVerbatim() {
        assertThat(JsonIndenter.tryIndent("[\"q\\\"uote\\\\\",1.50e+3,-0]"))
                .hasValue("[\n  \"q\\\"uote\\\\\",\n  1.50e+3,\n  -0\n]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain text", "{\"a\":1", "{\"a\":1]", "[\"unterminated]", "}{"})
    void leavesAnythingElseAlone(String text) {
        assertThat(JsonIndenter.tryIndent(text)).isEmpty();
    }

    @Test
    void tooDeep_isLeftAlone() {
        String deep =
                "[".repeat(JsonIndenter.MAX_DEPTH + 1)
                        + "1"
                        + "]".repeat(JsonIndenter.MAX_DEPTH + 1);
        assertThat(JsonIndenter.tryIndent(deep)).isEmpty();
        String ok = "[".repeat(JsonIndenter.MAX_DEPTH) + "1" + "]".repeat(JsonIndenter.MAX_DEPTH);
        assertThat(JsonIndenter.tryIndent(ok)).isPresent();
    }
}

package dev.kato.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.json.JsonLimits;
import dev.kato.json.JsonValue;
import org.junit.jupiter.api.Test;

class ToolDescriptionsTest {
    private static final EmbeddedJson JSON = new EmbeddedJson(JsonLimits.DEFAULT);

    private static String describe(String name, String arguments) {
        return ToolDescriptions.describe(name, JSON.parseOrMissing(arguments), arguments);
    }

    @Test
    void describe_prefersCmdThenCommandThenQuery() {
        assertThat(describe("exec_command", "{\"cmd\":\"ls src/\",\"query\":\"q\"}"))
                .isEqualTo("ls src/");
        assertThat(describe("exec_command", "{\"cmd\":[\"git\",\"log\",\"-1\"]}"))
                .isEqualTo("git log -1");
        assertThat(describe("shell", "{\"command\":[\"bash\",\"-lc\",\"make\"]}"))
                .isEqualTo("bash -lc make");
        assertThat(describe("search", "{\"query\":\"async await\"}")).isEqualTo("async await");
    }

    @Test
    void describe_fallsBackToTheFirstStringArgument_firstLineOnly() {
        assertThat(describe("read", "{\"limit\":3,\"path\":\"src/a.ts\",\"mode\":\"r\"}"))
                .isEqualTo("src/a.ts");
        assertThat(describe("exec_command", "{\"cmd\":\"cat <<EOF\\nsecret body\\nEOF\"}"))
                .isEqualTo("cat <<EOF");
        assertThat(describe("noop", "{\"n\":1}")).isEmpty();
        assertThat(describe("noop", "not json")).isEqualTo("not json");
    }

    @Test
    void describe_patchInput_namesItsFiles() {
        String patch =
                "*** Begin Patch\n*** Update File: a.py\n@@\n*** Delete File: b.py\n*** End Patch";
        assertThat(ToolDescriptions.describe("apply_patch", JsonValue.NULL, patch))
                .isEqualTo("a.py, b.py");
    }

    @Test
    void describe_isAbbreviated_neverSplittingASurrogatePair() {
        String longCmd = "x".repeat(ToolDescriptions.MAX_CHARS - 2) + "\uD83D\uDE00" + "tail";
        String d = describe("exec_command", "{\"cmd\":\"" + longCmd + "\"}");
        assertThat(d).hasSizeLessThanOrEqualTo(ToolDescriptions.MAX_CHARS).endsWith("\u2026");
        assertThat(Character.isHighSurrogate(d.charAt(d.length() - 2))).isFalse();
    }
}

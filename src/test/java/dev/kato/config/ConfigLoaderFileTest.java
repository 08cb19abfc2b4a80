package dev.kato.config;

import static dev.kato.config.ConfigTesting.assertProblem;
import static dev.kato.config.ConfigTesting.onlyProblem;
import static dev.kato.config.ConfigTesting.problems;
import static dev.kato.config.ConfigTesting.v1;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Problem classes of the file as a whole and of {@code schemaVersion}; secrecy of messages; many
 * problems at once.
 */
class ConfigLoaderFileTest {

    // --- file level ---------------------------------------------------------------------------

    @Test
    void emptyFile_isAProblem() {
        assertProblem(onlyProblem(""), "", 0, "the file is empty");
    }

    @Test
    void commentsOnly_isAnEmptyFile() {
        assertProblem(onlyProblem("# nothing here\n\n"), "", 0, "the file is empty");
    }

    @Test
    void documentMarkerOnly_hasNoSettings() {
        assertProblem(onlyProblem("---\n"), "", 0, "the file has no settings");
    }

    @Test
    void topLevelList_isNotAMapping() {
        assertProblem(
                onlyProblem("- schemaVersion: 1\n"),
                "",
                1,
                "the top level must be a mapping of keys such as `schemaVersion: 1`, found a list");
    }

    @Test
    void topLevelScalar_isNotAMapping() {
        assertProblem(onlyProblem("hello\n"), "", 1, "found a string");
    }

    @Test
    void fileOverOneMebibyte_isRejected() {
        byte[] bytes = new byte[1024 * 1024 + 1];
        Arrays.fill(bytes, (byte) ' ');
        assertProblem(problems(bytes).getFirst(), "", 0, "larger than 1 MiB");
    }

    @Test
    void fileOfExactlyOneMebibyte_isParsed() {
        byte[] head = "schemaVersion: 1\n#".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[1024 * 1024];
        Arrays.fill(bytes, (byte) 'x');
        System.arraycopy(head, 0, bytes, 0, head.length);
        assertThat(ConfigLoader.parse(bytes, ConfigTesting.env()))
                .isInstanceOf(ConfigResult.Loaded.class);
    }

    @Test
    void invalidUtf8_namesTheLine() {
        byte[] bytes = {
            's',
            'c',
            'h',
            'e',
            'm',
            'a',
            'V',
            'e',
            'r',
            's',
            'i',
            'o',
            'n',
            ':',
            ' ',
            '1',
            '\n',
            't',
            'i',
            'm',
            'e',
            'Z',
            'o',
            'n',
            'e',
            ':',
            ' ',
            (byte) 0xC3,
            (byte) 0x28,
            '\n'
        };
        assertProblem(onlyProblem(bytes), "", 2, "not valid UTF-8");
    }

    @Test
    void utf16File_isNotUtf8() {
        byte[] bytes = "schemaVersion: 1\n".getBytes(StandardCharsets.UTF_16);
        assertProblem(onlyProblem(bytes), "", 1, "not valid UTF-8");
    }

    @Test
    void rawControlCharacter_namesTheLine() {
        assertProblem(onlyProblem(v1("timeZone: UTC\u0007\n")), "", 2, "control character U+0007");
    }

    @Test
    void nulByte_namesTheLine() {
        assertProblem(onlyProblem(v1("\ntimeZone: \u0000\n")), "", 3, "control character U+0000");
    }

    // --- schemaVersion ------------------------------------------------------------------------

    @Test
    void schemaVersionMissing_isAProblemAtTheTop() {
        assertProblem(
                onlyProblem("sandbox:\n  mode: off\n"),
                "schemaVersion",
                1,
                "required: add `schemaVersion: 1`");
    }

    @Test
    void schemaVersionTwo_isUnsupported() {
        assertProblem(
                onlyProblem("schemaVersion: 2\n"),
                "schemaVersion",
                1,
                "unsupported schema version");
    }

    @Test
    void schemaVersionQuoted_isAString() {
        assertProblem(onlyProblem("schemaVersion: \"1\"\n"), "schemaVersion", 1, "found a string");
    }

    // --- no secrets echoed --------------------------------------------------------------------

    @Test
    void messages_neverEchoValues() {
        String secret = "ghp_S3CR3TS3CR3TS3CR3T";
        String yaml =
                v1(
                        "featureFlags:\n  writerIncludeThinking: "
                                + secret
                                + "\n"
                                + "allowedWriteRoots: ["
                                + secret
                                + "]\n"
                                + "timeZone: "
                                + secret
                                + "\n"
                                + "logging: {auditLevel: "
                                + secret
                                + "}\n"
                                + "commands: {maxAge: "
                                + secret
                                + "}\n"
                                + "writer: {allowedExtensions: ["
                                + secret
                                + "]}\n");
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems).hasSize(6);
        assertThat(problems).allSatisfy(p -> assertThat(p.render()).doesNotContain("S3CR3T"));
    }

    @Test
    void longOrUnprintableKeys_areNotEchoed() {
        String longKey = "k".repeat(200);
        List<ConfigProblem> problems = problems(v1(longKey + ": 1\n\"t\\u00e9st\": 2\n"));
        assertThat(problems)
                .extracting(ConfigProblem::keyPath)
                .containsExactly("<key of 200 characters>", "<key of 4 characters>");
    }

    // --- everything at once -------------------------------------------------------------------

    @Test
    void manyProblems_areAllReportedTogether_inLineOrder() {
        List<ConfigProblem> problems = problems(ConfigTestFiles.text("many-problems.yaml"));
        assertThat(problems)
                .extracting(p -> p.line() + " " + p.keyPath())
                .containsExactly(
                        "1 schemaVersion",
                        "3 providerSessionRoots.claude[0]",
                        "4 providerSessionRoots.gemeni",
                        "6 allowedWriteRoots[0]",
                        "7 allowedWriteRoots[1]",
                        "9 featureFlags.writerIncludeThinking",
                        "10 featureFlags.writerIncludeToolCalls",
                        "11 featureFlags.writerIncludeThinking",
                        "13 logging.operationalLevel",
                        "14 logging.auditLevel",
                        "15 timeZone",
                        "17 writer.toolResultMaxChars",
                        "19 ingest.maxLineBytes",
                        "21 commands.maxAge",
                        "23 sandbox.mode",
                        "24 daemonMaxMemoryMb",
                        "25 katoDir",
                        "26 unknownThing");
    }
}

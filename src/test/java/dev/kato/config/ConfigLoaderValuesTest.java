package dev.kato.config;

import static dev.kato.config.ConfigTesting.assertProblem;
import static dev.kato.config.ConfigTesting.onlyProblem;
import static dev.kato.config.ConfigTesting.problems;
import static dev.kato.config.ConfigTesting.v1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Problem classes of values: paths, ranges, enums, durations, extensions; each pins key path and
 * line.
 */
class ConfigLoaderValuesTest {

    // --- paths --------------------------------------------------------------------------------

    @Test
    void relativePath_isRejected() {
        assertProblem(
                onlyProblem(v1("allowedWriteRoots:\n  - /ok\n  - notes\n")),
                "allowedWriteRoots[1]",
                4,
                "must be an absolute path");
    }

    @Test
    void tildeUser_isRejected() {
        assertProblem(
                onlyProblem(v1("providerSessionRoots:\n  codex:\n    - ~bob/sessions\n")),
                "providerSessionRoots.codex[0]",
                4,
                "`~user` paths are not supported");
    }

    @Test
    void emptyPath_isRejected() {
        assertProblem(
                onlyProblem(v1("allowedWriteRoots: [\"\"]\n")),
                "allowedWriteRoots[0]",
                2,
                "must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"/a\\0b\"", "\"/a\\tb\"", "\"/a\\nb\"", "\"/a\\eb\"", "\"/a\\x85b\""})
    void controlCharactersInPaths_areRejected(String quoted) {
        assertProblem(
                onlyProblem(v1("allowedWriteRoots: [" + quoted + "]\n")),
                "allowedWriteRoots[0]",
                2,
                "must not contain control characters");
    }

    @Test
    void dotDotInPath_isRejected() {
        assertProblem(
                onlyProblem(v1("allowedWriteRoots: [/a/../etc]\n")),
                "allowedWriteRoots[0]",
                2,
                "must not contain `..`");
    }

    @Test
    void backslashInPath_isRejected() {
        assertProblem(
                onlyProblem(v1("allowedWriteRoots: ['C:\\Users\\x']\n")),
                "allowedWriteRoots[0]",
                2,
                "back-slashes");
    }

    @Test
    void nonStringPath_isRejected() {
        assertProblem(
                onlyProblem(v1("allowedWriteRoots: [42]\n")),
                "allowedWriteRoots[0]",
                2,
                "expected an absolute directory path, found an integer");
    }

    @Test
    void writeRootInsideKatoHome_otherThanRecordingsAndExports_isRejected() {
        List<ConfigProblem> problems =
                problems(
                        v1(
                                "allowedWriteRoots:\n  - ~/.kato/recordings/sub\n  - ~/.kato/sessions\n  - ~/.kato\n"));
        assertThat(problems).hasSize(2);
        assertProblem(problems.get(0), "allowedWriteRoots[1]", 4, "lies inside KATO_HOME");
        assertProblem(problems.get(1), "allowedWriteRoots[2]", 5, "lies inside KATO_HOME");
    }

    @Test
    void sessionRootContainingKatoHome_isRejected() {
        assertProblem(
                onlyProblem(v1("providerSessionRoots:\n  codex:\n    - /srv\n    - \"~\"\n")),
                "providerSessionRoots.codex[1]",
                5,
                "overlaps KATO_HOME");
    }

    @Test
    void sessionRootInsideKatosVault_isRejected() {
        assertProblem(
                onlyProblem(v1("providerSessionRoots: {gemini: [~/.kato/sessions/x]}\n")),
                "providerSessionRoots.gemini[0]",
                2,
                "overlaps KATO_HOME");
    }

    @Test
    void sessionRootInsideKatoHomeButOutsideItsDirectories_isFine() {
        ConfigTesting.load(v1("providerSessionRoots: {gemini: [~/.kato/other]}\n"));
    }

    @Test
    void writeRootInsideASessionRoot_isRejected() {
        assertProblem(
                onlyProblem(v1("allowedWriteRoots:\n  - ~/.claude/projects/out\n")),
                "allowedWriteRoots[0]",
                3,
                "lies inside a session root of claude");
    }

    // --- ranges and enums ---------------------------------------------------------------------

    @Test
    void integerBelowRange() {
        assertProblem(
                onlyProblem(v1("ingest:\n  maxLineBytes: 1023\n")),
                "ingest.maxLineBytes",
                3,
                "out of range: must be 1024..268435456");
    }

    @Test
    void integerAboveRange() {
        assertProblem(
                onlyProblem(v1("writer: {toolResultMaxChars: 10000001}\n")),
                "writer.toolResultMaxChars",
                2,
                "out of range");
    }

    @Test
    void hugeInteger_isOutOfRangeNotACrash() {
        assertProblem(
                onlyProblem(v1("writer: {toolResultMaxChars: " + "9".repeat(5000) + "}\n")),
                "writer.toolResultMaxChars",
                2,
                "out of range");
    }

    @Test
    void negativeInteger() {
        assertProblem(
                onlyProblem(v1("writer: {toolResultMaxChars: -1}\n")),
                "writer.toolResultMaxChars",
                2,
                "out of range");
    }

    @Test
    void unknownLogLevel_listsChoices() {
        assertProblem(
                onlyProblem(v1("logging:\n  auditLevel: verbose\n")),
                "logging.auditLevel",
                3,
                "must be one of debug, info, warn, error");
    }

    @Test
    void logLevelWrongCase_suggests() {
        assertProblem(
                onlyProblem(v1("logging:\n  operationalLevel: Info\n")),
                "logging.operationalLevel",
                3,
                "did you mean `info`?");
    }

    @Test
    void sandboxModeNearMiss_suggests() {
        assertProblem(
                onlyProblem(v1("sandbox:\n  mode: best_effort\n")),
                "sandbox.mode",
                3,
                "did you mean `best-effort`?");
    }

    @Test
    void sandboxModeBoolean_isNotOff() {
        assertProblem(
                onlyProblem(v1("sandbox:\n  mode: false\n")), "sandbox.mode", 3, "found a boolean");
    }

    @Test
    void unknownTimeZone_suggestsCase() {
        assertProblem(
                onlyProblem(v1("timeZone: europe/berlin\n")),
                "timeZone",
                2,
                "did you mean `Europe/Berlin`?");
    }

    @Test
    void offsetTimeZone_isNotAnIanaId() {
        assertProblem(
                onlyProblem(v1("timeZone: \"+02:00\"\n")), "timeZone", 2, "unknown time zone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT10M", "10", "10 m", "10min", "1h30m", "25h", "1441m", "-1m", "1d"})
    void badDurations_areRejected(String value) {
        assertProblem(
                onlyProblem(v1("commands:\n  maxAge: \"" + value + "\"\n")),
                "commands.maxAge",
                3,
                "expected a duration such as `90s`, `10m` or `2h`");
    }

    @Test
    void integerDuration_isATypeError() {
        assertProblem(
                onlyProblem(v1("commands:\n  maxAge: 600\n")),
                "commands.maxAge",
                3,
                "found an integer");
    }

    @Test
    void promptHistoryCrossCheck_isOffByDefault_andReadAsABoolean() {
        assertThat(ConfigTesting.load(v1("")).commands().confirmWithPromptHistory()).isFalse();
        KatoConfig on = ConfigTesting.load(v1("commands:\n  confirmWithPromptHistory: true\n"));
        assertThat(on.commands().confirmWithPromptHistory()).isTrue();
        assertThat(on.commands().maxAge()).isEqualTo(CommandsConfig.DEFAULTS.maxAge());
        assertProblem(
                onlyProblem(v1("commands:\n  confirmWithPromptHistory: \"yes\"\n")),
                "commands.confirmWithPromptHistory",
                3,
                "found a string");
    }

    @Test
    void badExtension_isRejected() {
        List<ConfigProblem> problems =
                problems(v1("writer:\n  allowedExtensions:\n    - md\n    - .MD\n    - .md\n"));
        assertThat(problems).hasSize(2);
        assertProblem(problems.get(0), "writer.allowedExtensions[0]", 4, "lower-case extension");
        assertProblem(problems.get(1), "writer.allowedExtensions[1]", 5, "lower-case extension");
    }

    @Test
    void emptyExtensionList_isRejected() {
        assertProblem(
                onlyProblem(v1("writer:\n  allowedExtensions: []\n")),
                "writer.allowedExtensions",
                3,
                "at least one extension");
    }

    @Test
    void usernameWithNewline_isRejected() {
        assertProblem(
                onlyProblem(v1("markdownFrontmatter:\n  defaultParticipantUsername: \"a\\nb\"\n")),
                "markdownFrontmatter.defaultParticipantUsername",
                3,
                "without control characters");
    }
}

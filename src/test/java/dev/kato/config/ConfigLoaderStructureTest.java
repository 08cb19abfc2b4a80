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
 * Problem classes of keys, types and YAML structure, each pinning the key path and line of the
 * report.
 */
class ConfigLoaderStructureTest {

    // --- unknown keys -------------------------------------------------------------------------

    @Test
    void unknownTopLevelKey_nearMiss_suggests() {
        assertProblem(
                onlyProblem(v1("featurFlags:\n  writerIncludeThinking: true\n")),
                "featurFlags",
                2,
                "did you mean `featureFlags`?");
    }

    @Test
    void unknownNestedKey_nearMiss_suggests() {
        assertProblem(
                onlyProblem(
                        v1(
                                "featureFlags:\n  writerIncludeCommentary: true\n  writerIncludeThinkng: true\n")),
                "featureFlags.writerIncludeThinkng",
                4,
                "did you mean `writerIncludeThinking`?");
    }

    @Test
    void unknownProviderKey_suggests() {
        assertProblem(
                onlyProblem(v1("providerSessionRoots:\n  claud: [/x]\n")),
                "providerSessionRoots.claud",
                3,
                "did you mean `claude`?");
    }

    @Test
    void unknownKey_caseOnly_suggestsExactSpelling() {
        assertProblem(
                onlyProblem(v1("Sandbox:\n  mode: off\n")),
                "Sandbox",
                2,
                "did you mean `sandbox`?");
    }

    @Test
    void keyInTheWrongSection_suggestsItsFullPath() {
        assertProblem(
                onlyProblem(v1("writerIncludeThinking: true\n")),
                "writerIncludeThinking",
                2,
                "did you mean `featureFlags.writerIncludeThinking`?");
    }

    @Test
    void unknownKey_farFromAnything_listsAllowedKeys() {
        assertProblem(
                onlyProblem(v1("logging:\n  colour: blue\n")),
                "logging.colour",
                3,
                "allowed here: operationalLevel, auditLevel");
    }

    @Test
    void mergeKey_isAnOrdinaryUnknownKey() {
        assertProblem(onlyProblem(v1("<<: {sandbox: {mode: off}}\n")), "<<", 2, "unknown key");
    }

    // --- types --------------------------------------------------------------------------------

    @Test
    void yesNo_areStringsNotBooleans() {
        assertProblem(
                onlyProblem(v1("featureFlags:\n  writerIncludeThinking: yes\n")),
                "featureFlags.writerIncludeThinking",
                3,
                "expected a boolean (`true` or `false`), found a string; YAML 1.2 reads yes/no/on/off as strings");
    }

    @Test
    void quotedBoolean_isAString() {
        assertProblem(
                onlyProblem(v1("featureFlags: {daemonExportEnabled: \"false\"}\n")),
                "featureFlags.daemonExportEnabled",
                2,
                "expected a boolean (`true` or `false`), found a string");
    }

    @Test
    void stringWhereIntegerExpected() {
        assertProblem(
                onlyProblem(v1("writer:\n  toolResultMaxChars: \"4000\"\n")),
                "writer.toolResultMaxChars",
                3,
                "expected an integer in 0..10000000, found a string");
    }

    @Test
    void decimalWhereIntegerExpected() {
        assertProblem(
                onlyProblem(v1("writer:\n  toolResultMaxChars: 4000.5\n")),
                "writer.toolResultMaxChars",
                3,
                "found a decimal number");
    }

    @Test
    void listWhereMappingExpected() {
        assertProblem(
                onlyProblem(v1("featureFlags:\n  - writerIncludeThinking\n")),
                "featureFlags",
                3,
                "expected a mapping of keys, found a list");
    }

    @Test
    void stringWhereListExpected() {
        assertProblem(
                onlyProblem(v1("allowedWriteRoots: /tmp/out\n")),
                "allowedWriteRoots",
                2,
                "expected a list of absolute directories, found a string");
    }

    @Test
    void integerWhereStringExpected() {
        assertProblem(
                onlyProblem(v1("markdownFrontmatter:\n  defaultParticipantUsername: 42\n")),
                "markdownFrontmatter.defaultParticipantUsername",
                3,
                "expected a string, found an integer");
    }

    @Test
    void nullValue_isATypeError() {
        assertProblem(
                onlyProblem(v1("timeZone:\n")),
                "timeZone",
                2,
                "has no value (YAML null); give a value, or leave the key out");
    }

    @Test
    void nullSection_isATypeErrorNotTheDefault() {
        assertProblem(
                onlyProblem(v1("featureFlags:\nsandbox: {mode: off}\n")),
                "featureFlags",
                2,
                "has no value");
    }

    @Test
    void nullSchemaVersion_isReportedOnce() {
        assertProblem(onlyProblem("schemaVersion: ~\n"), "schemaVersion", 1, "has no value");
    }

    @Test
    void nullListItem_isATypeError() {
        assertProblem(
                onlyProblem(v1("allowedWriteRoots:\n  - /a\n  -\n")),
                "allowedWriteRoots[1]",
                4,
                "found an empty value (null)");
    }

    @Test
    void envVariableSyntax_isNotExpanded() {
        assertProblem(onlyProblem(v1("timeZone: ${TZ}\n")), "timeZone", 2, "`${…}` variable");
    }

    @Test
    void nonStringKey_isReported() {
        assertProblem(
                onlyProblem(v1("featureFlags:\n  1: true\n")),
                "featureFlags",
                3,
                "keys must be plain strings");
    }

    // --- YAML structure -----------------------------------------------------------------------

    @Test
    void duplicateTopLevelKey() {
        assertProblem(
                onlyProblem(v1("sandbox: {mode: off}\nsandbox: {mode: required}\n")),
                "sandbox",
                3,
                "duplicate key (first defined on line 2)");
    }

    @Test
    void duplicateNestedKey() {
        assertProblem(
                onlyProblem(
                        v1(
                                "logging:\n  auditLevel: info\n  operationalLevel: info\n  auditLevel: warn\n")),
                "logging.auditLevel",
                5,
                "duplicate key (first defined on line 3)");
    }

    @Test
    void anchor_isReported() {
        assertProblem(
                onlyProblem(v1("logging:\n  operationalLevel: &lvl info\n")),
                "logging.operationalLevel",
                3,
                "YAML anchors");
    }

    @Test
    void alias_isReportedAtItsOwnLine_andNeverExpanded() {
        List<ConfigProblem> problems =
                problems(v1("logging:\n  operationalLevel: &lvl info\n  auditLevel: *lvl\n"));
        assertThat(problems).hasSize(2);
        assertProblem(problems.get(0), "logging.operationalLevel", 3, "YAML anchors");
        assertProblem(problems.get(1), "logging.auditLevel", 4, "YAML aliases");
    }

    @Test
    void aliasToUndefinedAnchor_isStillAnAliasProblem() {
        assertProblem(onlyProblem(v1("timeZone: *nowhere\n")), "timeZone", 2, "YAML aliases");
    }

    @Test
    void aliasAsKey_isReported() {
        assertProblem(onlyProblem(v1("*k : true\n")), "<non-string key>", 2, "YAML aliases");
    }

    @Test
    void billionLaughs_isRejectedWithoutExpansion() {
        String yaml =
                v1(
                        "a: &a [x, x, x, x, x, x, x, x, x]\n"
                                + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n");
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems).isNotEmpty().hasSizeLessThan(40);
    }

    @Test
    void explicitTag_onScalar() {
        assertProblem(
                onlyProblem("schemaVersion: !!int 1\n"), "schemaVersion", 1, "explicit YAML tags");
    }

    @Test
    void explicitTag_onMapping_andNonSpecificTag() {
        List<ConfigProblem> problems =
                problems(v1("sandbox: !custom\n  mode: off\ntimeZone: ! UTC\n"));
        assertThat(problems).hasSize(2);
        assertProblem(problems.get(0), "sandbox", 2, "explicit YAML tags");
        assertProblem(problems.get(1), "timeZone", 4, "explicit YAML tags");
    }

    @ParameterizedTest
    @ValueSource(strings = {".nan", ".NaN", ".inf", "-.inf", "+.INF"})
    void nonFiniteNumbers_areRejected(String value) {
        assertProblem(
                onlyProblem(v1("ingest:\n  maxLineBytes: " + value + "\n")),
                "ingest.maxLineBytes",
                3,
                "non-finite number");
    }

    @Test
    void multipleDocuments_areRejected() {
        ConfigProblem p = onlyProblem("schemaVersion: 1\n---\nschemaVersion: 1\n");
        assertThat(p.keyPath()).isEmpty();
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).contains("YAML syntax error");
    }

    @Test
    void syntaxError_namesTheLine() {
        ConfigProblem p = onlyProblem("schemaVersion: 1\nsandbox: {mode: off\ntimeZone: UTC\n");
        assertThat(p.message()).startsWith("YAML syntax error");
        assertThat(p.line()).isBetween(2, 4);
    }

    @Test
    void deepNesting_isRejected() {
        String yaml = v1("x: " + "[".repeat(200) + "]".repeat(200) + "\n");
        assertProblem(onlyProblem(yaml), "", 2, "nested deeper than 32 levels");
    }
}

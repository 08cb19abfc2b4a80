package dev.kato.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.provider.Anomaly;
import dev.kato.provider.AnomalyKind;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.FixtureFiles;
import dev.kato.testing.Golden;
import dev.kato.testing.ParserRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for every shared Codex fixture and every case under {@code testdata/provider/codex},
 * each re-run with CRLF line ends and in random byte chunks.
 */
class CodexGoldenTest {
    private static final String DIR = "provider/codex";
    private static final String INPUT = ".input.jsonl";
    private static final String EVENTS = ".events.jsonl";
    private static final List<String> SHARED =
            List.of(
                    "codex-session-vscode-new.jsonl",
                    "codex-session-legacy.jsonl",
                    "codex-session-exec.jsonl",
                    "codex-session-aborted.jsonl",
                    "codex-session-request-user-input.jsonl");

    /** A case: its file name (the parse context) and bytes, and where its golden lives. */
    record Case(String fileName, byte[] bytes, String golden) {
        @Override
        public String toString() {
            return fileName;
        }
    }

    static Stream<Case> cases() throws IOException {
        Stream<Case> shared =
                SHARED.stream()
                        .map(f ->
                                new Case(
                                        f,
                                        FixtureFiles.sharedKato(f),
                                        DIR + "/shared/" + stem(f) + EVENTS));
        Stream<Case> own =
                ownInputs().stream()
                        .map(f ->
                                new Case(
                                        f,
                                        FixtureFiles.testdata(DIR + "/" + f),
                                        DIR
                                                + "/"
                                                + f.substring(0, f.length() - INPUT.length())
                                                + EVENTS));
        return Stream.concat(shared, own);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parse_matchesGolden(Case c) {
        // as a provider worker parses: long texts kept in their spelling
        CollectingSink sink = ParserRuns.whole(CodexRuns.parsers(c.fileName(), true), c.bytes());
        Golden.assertMatches(c.golden(), ParserRuns.jsonl(sink.events));
        if (!c.fileName().startsWith("malformed")) {
            assertThat(sink.anomalies).as("anomalies for well-formed input").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parse_withCrlfLineEnds_isIdentical(Case c) {
        // one run keeps long texts in their spelling, the other decodes every string
        CollectingSink lf = ParserRuns.whole(CodexRuns.parsers(c.fileName(), true), c.bytes());
        CollectingSink crlf = CodexRuns.parse(c.fileName(), ParserRuns.crlf(c.bytes()));
        assertThat(ParserRuns.jsonl(crlf.events)).isEqualTo(ParserRuns.jsonl(lf.events));
        assertThat(crlf.anomalies)
                .extracting(Anomaly::kind)
                .isEqualTo(lf.anomalies.stream().map(Anomaly::kind).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parse_inRandomChunks_isIdentical(Case c) {
        CollectingSink whole = CodexRuns.parse(c.fileName(), c.bytes());
        String expected = ParserRuns.jsonl(whole.events);
        for (long seed = 1; seed <= 12; seed++) {
            int maxChunk = (int) (1 + seed * seed * 3);
            CollectingSink chunked =
                    ParserRuns.chunked(
                            CodexRuns.parsers(c.fileName(), seed % 2 == 0),
                            c.bytes(),
                            seed,
                            maxChunk);
            assertThat(ParserRuns.jsonl(chunked.events)).as("seed %d", seed).isEqualTo(expected);
            assertThat(chunked.anomalies).as("seed %d", seed).isEqualTo(whole.anomalies);
        }
    }

    @Test
    void malformedCase_reportsOnlyTheBadLines() {
        byte[] bytes = FixtureFiles.testdata(DIR + "/malformed-truncated" + INPUT);
        CollectingSink sink = CodexRuns.parse("malformed-truncated" + INPUT, bytes);
        assertThat(sink.anomalies)
                .extracting(Anomaly::kind)
                .containsExactly(AnomalyKind.MALFORMED, AnomalyKind.UNEXPECTED_SHAPE);
        assertThat(sink.anomalies)
                .allSatisfy(a -> assertThat(a.detail()).doesNotContain("record rejected"));
    }

    @Test
    void everyGolden_hasAnInput_andEveryInput_hasAGolden() throws IOException {
        for (String input : ownInputs()) {
            String stem = input.substring(0, input.length() - INPUT.length());
            assertThat(Golden.path(DIR + "/" + stem + EVENTS)).exists();
        }
        try (Stream<Path> files = Files.list(Golden.path(DIR))) {
            for (Path p : files.filter(p -> p.toString().endsWith(EVENTS)).toList()) {
                String name = p.getFileName().toString();
                String stem = name.substring(0, name.length() - EVENTS.length());
                assertThat(Golden.path(DIR + "/" + stem + INPUT)).exists();
            }
        }
        try (Stream<Path> files = Files.list(Golden.path(DIR + "/shared"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(
                            SHARED.stream().map(f -> stem(f) + EVENTS).sorted().toList());
        }
    }

    private static List<String> ownInputs() throws IOException {
        try (Stream<Path> files = Files.list(Golden.path(DIR))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(INPUT))
                    .sorted()
                    .toList();
        }
    }

    private static String stem(String fileName) {
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }
}

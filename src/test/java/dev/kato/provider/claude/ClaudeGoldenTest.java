package dev.kato.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.provider.Anomaly;
import dev.kato.provider.ParseContext;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.FixtureFiles;
import dev.kato.testing.Golden;
import dev.kato.testing.ParserRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for every shared Claude fixture and every case under {@code
 * testdata/provider/claude}; each is re-run with CRLF line endings and in random byte chunks, which
 * must give exactly the one-pass output.
 */
class ClaudeGoldenTest {
    private static final String DIR = "provider/claude";
    private static final String INPUT = ".input.jsonl";
    private static final String EVENTS = ".events.jsonl";

    /** Cases that contain malformed lines on purpose. */
    private static final String MALFORMED_CASE_PREFIX = "malformed-";

    static Stream<String> sharedFixtures() {
        return list(FixtureFiles.sharedKato())
                .filter(n -> n.startsWith("claude-") && n.endsWith(".jsonl"));
    }

    static Stream<String> ownCases() {
        return list(Golden.path(DIR))
                .filter(n -> n.endsWith(INPUT))
                .map(n -> n.substring(0, n.length() - INPUT.length()));
    }

    @ParameterizedTest
    @MethodSource("sharedFixtures")
    void sharedFixture_matchesGolden_whateverTheLineEndingsAndChunks(String fixture) {
        String stem = fixture.substring(0, fixture.length() - ".jsonl".length());
        check(
                ClaudeRuns.main(fixture),
                FixtureFiles.sharedKato(fixture),
                DIR + "/shared/" + stem + EVENTS,
                false);
    }

    @ParameterizedTest
    @MethodSource("ownCases")
    void ownCase_matchesGolden_whateverTheLineEndingsAndChunks(String caseName) {
        check(
                ClaudeRuns.forCase(caseName),
                FixtureFiles.testdata(DIR + "/" + caseName + INPUT),
                DIR + "/" + caseName + EVENTS,
                caseName.startsWith(MALFORMED_CASE_PREFIX));
    }

    @Test
    void everyGolden_hasAnInput() {
        assertThat(sharedFixtures()).isNotEmpty();
        assertThat(ownCases()).hasSizeGreaterThanOrEqualTo(20);
        List<String> inputs = ownCases().toList();
        assertThat(list(Golden.path(DIR)).filter(n -> n.endsWith(EVENTS)))
                .allSatisfy(g -> assertThat(inputs).contains(stem(g)));
        List<String> shared = sharedFixtures().map(f -> f.replace(".jsonl", "")).toList();
        assertThat(list(Golden.path(DIR + "/shared")))
                .allSatisfy(g -> assertThat(shared).contains(stem(g)));
    }

    private static void check(ParseContext ctx, byte[] input, String golden, boolean malformed) {
        // as a provider worker parses (long texts kept in their spelling); the CRLF copy and every
        // other chunked run decode every string, and must give the same lines
        CollectingSink whole = ParserRuns.whole(ClaudeRuns.parsers(ctx, true), input);
        String expected = ParserRuns.jsonl(whole.events);
        Golden.assertMatches(golden, expected);
        assertThat(whole.events.stream().map(e -> e.meta().eventId()))
                .as("event ids are unique")
                .doesNotHaveDuplicates();
        if (malformed) {
            assertThat(whole.anomalies).isNotEmpty();
        } else {
            assertThat(whole.anomalies).as("anomalies").isEmpty();
        }
        CollectingSink crlf = ClaudeRuns.parse(ctx, ParserRuns.crlf(input));
        assertThat(ParserRuns.jsonl(crlf.events)).as("CRLF").isEqualTo(expected);
        assertThat(kinds(crlf.anomalies)).isEqualTo(kinds(whole.anomalies));
        for (long seed = 0; seed < 40; seed++) {
            int maxChunk = 1 + (int) (seed * 13 % 257);
            CollectingSink chunked =
                    ParserRuns.chunked(
                            ClaudeRuns.parsers(ctx, seed % 2 == 1), input, seed, maxChunk);
            assertThat(ParserRuns.jsonl(chunked.events)).as("seed %d", seed).isEqualTo(expected);
            assertThat(chunked.anomalies).isEqualTo(whole.anomalies);
        }
    }

    private static List<String> kinds(List<Anomaly> anomalies) {
        return anomalies.stream().map(a -> a.kind() + ":" + a.detail()).toList();
    }

    private static String stem(String goldenName) {
        return goldenName.substring(0, goldenName.length() - EVENTS.length());
    }

    private static Stream<String> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files
                    .filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

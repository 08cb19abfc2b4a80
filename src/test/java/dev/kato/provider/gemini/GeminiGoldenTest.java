package dev.kato.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.EventId;
import dev.kato.provider.Anomaly;
import dev.kato.provider.AnomalyKind;
import dev.kato.provider.SessionParser;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.FixtureFiles;
import dev.kato.testing.Golden;
import dev.kato.testing.ParserRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for every shared Gemini fixture and every case under {@code
 * testdata/provider/gemini}: {@code <case>.input.json[l]} → {@code <case>.events.jsonl}. JSONL
 * cases must give the same events with CRLF line ends and in any byte chunks; a JSON snapshot fed
 * in chunks must give the events of feeding it whole.
 */
class GeminiGoldenTest {
    private static final String DIR = "provider/gemini/";
    private static final Path CASES = Golden.path(DIR);
    private static final String SEQUENCE = "legacy-rewrites";

    static Stream<String> sharedFixtures() {
        return list(FixtureFiles.sharedKato()).stream()
                .filter(n -> n.startsWith("gemini-") && n.endsWith(".json"));
    }

    static Stream<String> ownCases() {
        return list(CASES).stream().filter(n -> n.contains(".input.json"));
    }

    static Stream<String> ownJsonlCases() {
        return ownCases().filter(n -> n.endsWith(".jsonl"));
    }

    static Stream<String> allJsonDocuments() {
        return Stream.concat(
                sharedFixtures().map(n -> "shared:" + n),
                ownCases().filter(n -> n.endsWith(".json")));
    }

    @ParameterizedTest
    @MethodSource("sharedFixtures")
    void sharedFixture_matchesGolden(String name) {
        CollectingSink sink =
                ParserRuns.whole(GeminiRuns.parsers(name), FixtureFiles.sharedKato(name));
        assertThat(sink.anomalies).isEmpty();
        assertUniqueIds(sink.events);
        Golden.assertMatches(
                DIR + "shared/" + name + ".events.jsonl", ParserRuns.jsonl(sink.events));
    }

    @ParameterizedTest
    @MethodSource("ownCases")
    void ownCase_matchesGolden(String name) {
        CollectingSink sink = ParserRuns.whole(GeminiRuns.parsers(name), read(name));
        assertUniqueIds(sink.events);
        Golden.assertMatches(DIR + caseName(name) + ".events.jsonl", ParserRuns.jsonl(sink.events));
    }

    @ParameterizedTest
    @MethodSource("ownJsonlCases")
    void jsonlCase_isLineEndingAndChunkInvariant(String name) {
        byte[] bytes = read(name);
        CollectingSink whole = ParserRuns.whole(GeminiRuns.parsers(name), bytes);
        CollectingSink crlf = ParserRuns.whole(GeminiRuns.parsers(name), ParserRuns.crlf(bytes));
        assertThat(ParserRuns.jsonl(crlf.events)).isEqualTo(ParserRuns.jsonl(whole.events));
        assertThat(kinds(crlf.anomalies)).isEqualTo(kinds(whole.anomalies));
        for (long seed = 0; seed < 40; seed++) {
            CollectingSink chunked =
                    ParserRuns.chunked(GeminiRuns.parsers(name), bytes, seed, 1 + (int) seed * 5);
            assertThat(ParserRuns.jsonl(chunked.events))
                    .as("seed %d", seed)
                    .isEqualTo(ParserRuns.jsonl(whole.events));
            assertThat(chunked.anomalies).isEqualTo(whole.anomalies);
        }
    }

    @ParameterizedTest
    @MethodSource("allJsonDocuments")
    void jsonDocument_fedInChunks_equalsFedWhole(String ref) {
        String name = ref.startsWith("shared:") ? ref.substring(7) : ref;
        byte[] bytes = ref.startsWith("shared:") ? FixtureFiles.sharedKato(name) : read(name);
        CollectingSink whole = ParserRuns.whole(GeminiRuns.parsers(name), bytes);
        for (long seed = 0; seed < 20; seed++) {
            CollectingSink chunked =
                    GeminiRuns.snapshots(GeminiRuns.parsers(name).get(), List.of(bytes), seed);
            assertThat(ParserRuns.jsonl(chunked.events)).isEqualTo(ParserRuns.jsonl(whole.events));
            assertThat(chunked.anomalies).isEqualTo(whole.anomalies);
        }
    }

    /**
     * {@link ParserRuns#chunked} ends input at random points: for a whole-document parser that is a
     * partial document, which must give an incomplete-document anomaly and no events.
     */
    @ParameterizedTest
    @MethodSource("allJsonDocuments")
    void jsonDocument_endOfInputMidDocument_emitsNothing(String ref) {
        String name = ref.startsWith("shared:") ? ref.substring(7) : ref;
        byte[] bytes = ref.startsWith("shared:") ? FixtureFiles.sharedKato(name) : read(name);
        String wholeEvents =
                ParserRuns.jsonl(ParserRuns.whole(GeminiRuns.parsers(name), bytes).events);
        for (long seed = 0; seed < 20; seed++) {
            CollectingSink chunked = ParserRuns.chunked(GeminiRuns.parsers(name), bytes, seed, 64);
            if (chunked.events.isEmpty()) {
                assertThat(chunked.anomalies)
                        .isNotEmpty()
                        .allMatch(a -> a.kind() == AnomalyKind.INCOMPLETE_DOCUMENT);
            } else {
                assertThat(ParserRuns.jsonl(chunked.events)).isEqualTo(wholeEvents);
            }
        }
    }

    /**
     * The same session file rewritten: snapshot 1, a snapshot caught mid-rewrite, then two full
     * rewrites that fill in a tool result, add messages, drop the info row and add a title.
     */
    @Test
    void legacySnapshotSequence_emitsEachEventExactlyOnce() {
        List<byte[]> snapshots = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            snapshots.add(read(SEQUENCE + ".snapshot-" + i + ".json"));
        }
        snapshots.add(read(SEQUENCE + ".snapshot-4.json")); // an unchanged rewrite
        SessionParser parser = GeminiRuns.parsers("session-2026-03-02T10-00-9b8a7c6d.json").get();
        CollectingSink sink = GeminiRuns.snapshots(parser, snapshots, null);

        assertThat(sink.anomalies)
                .extracting(Anomaly::kind)
                .containsExactly(AnomalyKind.INCOMPLETE_DOCUMENT);
        assertUniqueIds(sink.events);
        Golden.assertMatches(DIR + SEQUENCE + ".events.jsonl", ParserRuns.jsonl(sink.events));

        // Chunked snapshots give the same stream.
        CollectingSink chunked =
                GeminiRuns.snapshots(
                        GeminiRuns.parsers("session-2026-03-02T10-00-9b8a7c6d.json").get(),
                        snapshots,
                        7L);
        assertThat(ParserRuns.jsonl(chunked.events)).isEqualTo(ParserRuns.jsonl(sink.events));
    }

    @Test
    void everyInputHasAGolden_andEveryGoldenAnInput() {
        List<String> files = list(CASES);
        for (String f : files) {
            if (f.contains(".input.json") || f.contains(".snapshot-")) {
                assertThat(files).as("golden for %s", f).contains(caseName(f) + ".events.jsonl");
            } else {
                assertThat(f).endsWith(".events.jsonl");
                String c = caseName(f);
                assertThat(
                                files.stream()
                                        .anyMatch(g ->
                                                g.startsWith(c + ".input.json")
                                                        || g.startsWith(c + ".snapshot-")))
                        .as("input for %s", f)
                        .isTrue();
            }
        }
        for (String shared : sharedFixtures().toList()) {
            assertThat(Golden.path(DIR + "shared/" + shared + ".events.jsonl")).exists();
        }
    }

    static void assertUniqueIds(List<ConversationEvent> events) {
        List<EventId> ids = events.stream().map(e -> e.meta().eventId()).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    private static List<AnomalyKind> kinds(List<Anomaly> anomalies) {
        return anomalies.stream().map(Anomaly::kind).toList();
    }

    private static String caseName(String file) {
        int at = file.indexOf('.');
        return at < 0 ? file : file.substring(0, at);
    }

    private static byte[] read(String name) {
        return FixtureFiles.testdata(DIR + name);
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

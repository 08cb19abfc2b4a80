package dev.kato.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.Provider;
import dev.kato.json.JsonLimits;
import dev.kato.provider.Anomaly;
import dev.kato.provider.AnomalyKind;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.ParserRuns;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiDocumentParserTest {
    private static final String FILE = "session-2026-03-02T10-00-9b8a7c6d.json";

    private static final String DOC =
            """
            {"sessionId": "s-2", "messages": [
              {"id": "u1", "type": "user", "content": "hello"},
              {"id": "a1", "type": "gemini", "content": "hi"}
            ]}
            """;

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> ids(CollectingSink sink) {
        return sink.events.stream().map(e -> e.meta().eventId().value()).toList();
    }

    @Test
    void truncatedSnapshot_isOneIncompleteAnomaly_andTheNextSnapshotStillEmitsEverything() {
        SessionParser parser = GeminiRuns.parsers(FILE).get();
        byte[] whole = utf8(DOC);
        CollectingSink sink =
                GeminiRuns.snapshots(
                        parser, List.of(java.util.Arrays.copyOf(whole, whole.length / 2)), null);
        assertThat(sink.events).isEmpty();
        assertThat(sink.anomalies)
                .extracting(Anomaly::kind)
                .containsExactly(AnomalyKind.INCOMPLETE_DOCUMENT);
        assertThat(sink.anomalies.getFirst().offset()).isEqualTo(-1);

        CollectingSink next = GeminiRuns.snapshots(parser, List.of(whole, whole), null);
        assertThat(ids(next)).containsExactly("gemini:s-2/u1#text", "gemini:s-2/a1#text");
        assertThat(next.anomalies).isEmpty();
        assertThat(parser.committedOffset()).isZero();
    }

    @Test
    void endOfInputWithoutBytes_isSilent() {
        SessionParser parser = GeminiRuns.parsers(FILE).get();
        CollectingSink sink = new CollectingSink();
        parser.endOfInput(sink);
        parser.endOfInput(sink);
        assertThat(sink.events).isEmpty();
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void nonObjectDocument_isIncomplete() {
        for (String doc : List.of("[1,2]", "\"text\"", "   \n", "42")) {
            CollectingSink sink = ParserRuns.whole(GeminiRuns.parsers(FILE), utf8(doc));
            assertThat(sink.events).isEmpty();
            assertThat(sink.anomalies)
                    .extracting(Anomaly::kind)
                    .containsExactly(AnomalyKind.INCOMPLETE_DOCUMENT);
        }
    }

    @Test
    void oversizedSnapshot_isOneAnomaly_withoutBuffering_andTheNextSmallerOneParses() {
        ParserLimits limits = new ParserLimits(1024, 200, JsonLimits.DEFAULT);
        SessionParser parser =
                GeminiParsers.create(ParseContext.main(Provider.GEMINI, FILE), limits);
        String big =
                "{\"sessionId\":\"s-2\",\"messages\":[{\"id\":\"u1\",\"type\":\"user\","
                        + "\"content\":\""
                        + "x".repeat(400)
                        + "\"}]}";
        CollectingSink sink = GeminiRuns.snapshots(parser, List.of(utf8(big), utf8(DOC)), 3L);
        assertThat(sink.anomalies)
                .extracting(Anomaly::kind)
                .containsExactly(AnomalyKind.LINE_TOO_LONG);
        assertThat(sink.anomalies.getFirst().detail()).doesNotContain("x");
        assertThat(ids(sink)).containsExactly("gemini:s-2/u1#text", "gemini:s-2/a1#text");
    }

    @Test
    void oddMessages_areAnomalies_andDoNotStopTheRest() {
        String doc =
                """
                {"sessionId": "s-2", "messages": [
                  "not a message",
                  {"id": "x", "content": "no type"},
                  {"id": "u1", "type": "user", "content": "still here"}
                ]}
                """;
        CollectingSink sink = ParserRuns.whole(GeminiRuns.parsers(FILE), utf8(doc));
        assertThat(ids(sink)).containsExactly("gemini:s-2/u1#text");
        assertThat(sink.anomalies)
                .extracting(Anomaly::kind)
                .containsExactly(AnomalyKind.UNEXPECTED_SHAPE, AnomalyKind.UNEXPECTED_SHAPE);

        CollectingSink notArray =
                ParserRuns.whole(
                        GeminiRuns.parsers(FILE), utf8("{\"sessionId\":\"s\",\"messages\":{}}"));
        assertThat(notArray.anomalies)
                .extracting(Anomaly::kind)
                .containsExactly(AnomalyKind.UNEXPECTED_SHAPE);
    }

    @Test
    void missingSessionId_fallsBackToTheFileStem() {
        CollectingSink sink =
                ParserRuns.whole(
                        GeminiRuns.parsers(FILE),
                        utf8(
                                "{\"messages\":[{\"id\":\"u1\",\"type\":\"user\",\"content\":\"a\"}]}"));
        assertThat(ids(sink)).containsExactly("gemini:session-2026-03-02T10-00-9b8a7c6d/u1#text");
    }

    @Test
    void sessionId_isFixedByTheFirstParsedSnapshot() {
        SessionParser parser = GeminiRuns.parsers(FILE).get();
        String first = "{\"messages\":[{\"id\":\"u1\",\"type\":\"user\",\"content\":\"hello\"}]}";
        CollectingSink sink =
                GeminiRuns.snapshots(parser, List.of(utf8("{"), utf8(first), utf8(DOC)), null);
        assertThat(ids(sink))
                .containsExactly(
                        "gemini:session-2026-03-02T10-00-9b8a7c6d/u1#text",
                        "gemini:session-2026-03-02T10-00-9b8a7c6d/a1#text");
    }

    @Test
    void prefixRemovedOrRewound_emitsNothing_andReturningMessagesAreNotRepeated() {
        SessionParser parser = GeminiRuns.parsers(FILE).get();
        String withoutPrefix =
                "{\"sessionId\":\"s-2\",\"messages\":[{\"id\":\"a1\",\"type\":\"gemini\","
                        + "\"content\":\"hi\"}]}";
        CollectingSink sink =
                GeminiRuns.snapshots(
                        parser, List.of(utf8(DOC), utf8(withoutPrefix), utf8(DOC)), null);
        assertThat(ids(sink)).containsExactly("gemini:s-2/u1#text", "gemini:s-2/a1#text");
    }
}

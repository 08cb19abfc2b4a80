package dev.kato.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.SystemNotice;
import dev.kato.json.JsonLimits;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.EchoRecords;
import dev.kato.testing.ParserRuns;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonlSessionParserTest {
    private static final RecordParser ECHO = EchoRecords.PARSER;

    private static Supplier<SessionParser> parsers(int maxLine) {
        return () -> new JsonlSessionParser(ParserLimits.DEFAULT.withMaxLineBytes(maxLine), ECHO);
    }

    private static List<String> texts(CollectingSink sink) {
        List<String> out = new ArrayList<>();
        sink.events.forEach(e -> out.add(((SystemNotice) e).text()));
        return out;
    }

    @Test
    void partialTrailingLine_waitsForItsNewline() {
        SessionParser parser = parsers(1024).get();
        CollectingSink sink = new CollectingSink();
        byte[] a = "{\"t\":\"one\"}\n{\"t\":\"tw".getBytes(StandardCharsets.UTF_8);
        parser.feed(a, 0, a.length, sink);
        parser.endOfInput(sink);
        assertThat(texts(sink)).containsExactly("one");
        assertThat(parser.committedOffset()).isEqualTo(12);
        byte[] b = "o\"}\n".getBytes(StandardCharsets.UTF_8);
        parser.feed(b, 0, b.length, sink);
        assertThat(texts(sink)).containsExactly("one", "two");
        assertThat(parser.committedOffset()).isEqualTo(a.length + b.length);
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void badLines_areCountedAndSkipped_neverFatal() {
        String input =
                "{\"t\":\"a\"}\n{not json\n[1,2]\n\"str\"\n{\"t\":\"\u00e9\"}\n"
                        + "{\"t\":\"b\"}\n";
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        byte[] withBadUtf8 = new byte[bytes.length + 8];
        System.arraycopy(bytes, 0, withBadUtf8, 0, bytes.length);
        System.arraycopy(
                new byte[] {'{', '"', 't', '"', ':', (byte) 0xC3, '}', '\n'},
                0,
                withBadUtf8,
                bytes.length,
                8);
        CollectingSink sink = ParserRuns.whole(parsers(1024), withBadUtf8);
        assertThat(texts(sink)).containsExactly("a", "\u00e9", "b");
        assertThat(sink.anomalies)
                .extracting(Anomaly::kind)
                .containsExactly(
                        AnomalyKind.MALFORMED,
                        AnomalyKind.UNEXPECTED_SHAPE,
                        AnomalyKind.UNEXPECTED_SHAPE,
                        AnomalyKind.MALFORMED);
    }

    @Test
    void deeplyNestedLine_isMalformed() {
        String deep = "{\"t\":" + "[".repeat(5000) + "]".repeat(5000) + "}\n{\"t\":\"after\"}\n";
        CollectingSink sink =
                ParserRuns.whole(parsers(1 << 20), deep.getBytes(StandardCharsets.UTF_8));
        assertThat(texts(sink)).containsExactly("after");
        assertThat(sink.anomalies).extracting(Anomaly::kind).containsExactly(AnomalyKind.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64})
    void hugeLine_isSkippedWithoutBuffering_whateverTheChunking(int maxChunk) {
        String big = "{\"t\":\"" + "x".repeat(500) + "\"}\n";
        String input = "{\"t\":\"a\"}\n" + big + "{\"t\":\"b\"}\n";
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        CollectingSink sink = ParserRuns.chunked(parsers(100), bytes, maxChunk, maxChunk);
        assertThat(texts(sink)).containsExactly("a", "b");
        assertThat(sink.anomalies)
                .extracting(Anomaly::kind)
                .containsExactly(AnomalyKind.LINE_TOO_LONG);
        assertThat(sink.anomalies.getFirst().offset()).isEqualTo(10);
    }

    @Test
    void crlfBomAndBlankLines_areHandled() {
        byte[] body =
                "{\"t\":\"a\"}\r\n\r\n   \n{\"t\":\"b\"}\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        CollectingSink sink = ParserRuns.whole(parsers(1024), bytes);
        assertThat(texts(sink)).containsExactly("a", "b");
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void randomChunking_yieldsExactlyTheOnePassEvents() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append("{\"t\":\"line ").append(i).append(" \u00fc\u20ac\uD83D\uDE00\"}\n");
            if (i % 17 == 0) {
                sb.append("{broken\n");
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        CollectingSink whole = ParserRuns.whole(parsers(1024), bytes);
        for (long seed = 0; seed < 50; seed++) {
            CollectingSink chunked =
                    ParserRuns.chunked(parsers(1024), bytes, seed, 1 + (int) seed * 3);
            assertThat(ParserRuns.jsonl(chunked.events)).isEqualTo(ParserRuns.jsonl(whole.events));
            assertThat(chunked.anomalies).isEqualTo(whole.anomalies);
        }
    }

    @Test
    void resumeAt_continuesFromACursor() {
        byte[] bytes = "{\"t\":\"a\"}\n{\"t\":\"b\"}\n".getBytes(StandardCharsets.UTF_8);
        JsonlSessionParser first = new JsonlSessionParser(ParserLimits.DEFAULT, ECHO);
        CollectingSink sink = new CollectingSink();
        first.feed(bytes, 0, 10, sink);
        long cursor = first.committedOffset();
        JsonlSessionParser second =
                new JsonlSessionParser(ParserLimits.DEFAULT, ECHO).resumeAt(cursor);
        CollectingSink rest = new CollectingSink();
        second.feed(bytes, (int) cursor, bytes.length - (int) cursor, rest);
        assertThat(texts(rest)).containsExactly("b");
        assertThat(((SystemNotice) rest.events.getFirst()).meta().providerEventId())
                .isEqualTo("10");
        assertThat(JsonLimits.DEFAULT.maxNestingDepth()).isPositive();
    }

    @Test
    void dropPartialLine_forgetsOnlyALineBegunAfterTheLastLineEnd() {
        byte[] bytes = "{\"t\":\"one\"}\n{\"t\":\"two\"}\n".getBytes(StandardCharsets.UTF_8);
        JsonlSessionParser parser = new JsonlSessionParser(ParserLimits.DEFAULT, ECHO);
        CollectingSink sink = new CollectingSink();

        parser.feed(bytes, 0, 5, sink); // inside line one: no line has ended yet
        assertThat(parser.dropPartialLine()).isFalse();
        parser.feed(bytes, 5, 12, sink); // line one ends, line two begins
        assertThat(parser.dropPartialLine()).isTrue();
        assertThat(parser.committedOffset()).isEqualTo(12);
        assertThat(parser.dropPartialLine()).as("nothing held any more").isFalse();

        // fed again from the cursor, as a reader does after a drop
        parser.feed(bytes, 12, 3, sink);
        assertThat(parser.dropPartialLine()).as("no line ended since the last drop").isFalse();
        parser.feed(bytes, 15, bytes.length - 15, sink);
        assertThat(texts(sink)).containsExactly("one", "two");
        assertThat(parser.committedOffset()).isEqualTo(bytes.length);
        assertThat(sink.anomalies).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 40, 100})
    void budgetedReadsThatDropPartialLines_yieldExactlyTheOnePassEvents(int budget) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            sb.append("{\"t\":\"line ").append(i).append(" \u00fc".repeat(i % 9)).append("\"}\n");
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        CollectingSink whole = ParserRuns.whole(parsers(1024), bytes);
        JsonlSessionParser parser = new JsonlSessionParser(ParserLimits.DEFAULT, ECHO);
        CollectingSink sink = new CollectingSink();
        int position = 0;
        int reads = 0;
        while (position < bytes.length) {
            int n = Math.min(budget, bytes.length - position);
            parser.feed(bytes, position, n, sink);
            position += n;
            if (position < bytes.length && parser.dropPartialLine()) {
                position = (int) parser.committedOffset();
            }
            assertThat(++reads).as("every read makes progress").isLessThan(bytes.length * 2);
        }
        assertThat(ParserRuns.jsonl(sink.events)).isEqualTo(ParserRuns.jsonl(whole.events));
        assertThat(parser.committedOffset()).isEqualTo(bytes.length);
    }
}

package dev.kato.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import dev.kato.provider.Anomaly;
import dev.kato.provider.AnomalyKind;
import dev.kato.provider.FileRole;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParserLimits;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.FixtureFiles;
import dev.kato.testing.ParserRuns;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiRecordParserTest {
    private static final String FILE = "session-2026-03-01T09-00-3f2a9c10.jsonl";
    private static final String META =
            "{\"sessionId\":\"s-1\",\"projectHash\":\"h\",\"startTime\":\"2026-03-01T09:00:00Z\"}";

    static CollectingSink run(String... lines) {
        return ParserRuns.whole(GeminiRuns.parsers(FILE), bytes(lines));
    }

    static byte[] bytes(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static List<String> ids(CollectingSink sink) {
        return sink.events.stream().map(e -> e.meta().eventId().value()).toList();
    }

    static UserMessage user(ConversationEvent e) {
        return (UserMessage) e;
    }

    @Test
    void malformedAndUnexpectedLines_areAnomalies_atTheirOffsets() {
        byte[] input = FixtureFiles.testdata("provider/gemini/jsonl-malformed.input.jsonl");
        CollectingSink sink = ParserRuns.whole(GeminiRuns.parsers(FILE), input);
        assertThat(sink.anomalies)
                .extracting(Anomaly::kind)
                .containsExactly(
                        AnomalyKind.MALFORMED, // truncated line
                        AnomalyKind.UNEXPECTED_SHAPE, // an array
                        AnomalyKind.UNEXPECTED_SHAPE, // message without a type
                        AnomalyKind.UNEXPECTED_SHAPE, // unrecognised record
                        AnomalyKind.UNEXPECTED_SHAPE, // $rewindTo that is not a string
                        AnomalyKind.UNEXPECTED_SHAPE, // $set.messages not an array
                        AnomalyKind.UNEXPECTED_SHAPE); // metadata of another session
        String text = new String(input, StandardCharsets.UTF_8);
        assertThat(sink.anomalies.getFirst().offset()).isEqualTo(text.indexOf("{\"id\":\"a1\""));
        assertThat(sink.anomalies).allMatch(a -> !a.detail().contains("trunc"));
        String session = "gemini:3f2a9c10-5b7e-4d21-9a7c-0e1f2d3c4b5a/";
        assertThat(ids(sink)).containsExactly(session + "u1#text", session + "a1#text");
    }

    @Test
    void withoutMetadata_theSessionIdIsTheFileStem_andStaysFixed() {
        CollectingSink sink =
                run(
                        "{\"id\":\"u1\",\"type\":\"user\",\"content\":\"hi\"}",
                        "{\"sessionId\":\"late\",\"projectHash\":\"h\"}",
                        "{\"id\":\"a1\",\"type\":\"gemini\",\"content\":\"hello\"}");
        assertThat(ids(sink))
                .containsExactly(
                        "gemini:session-2026-03-01T09-00-3f2a9c10/u1#text",
                        "gemini:session-2026-03-01T09-00-3f2a9c10/a1#text");
        assertThat(sink.events)
                .allMatch(e -> e.meta().sessionId().equals("session-2026-03-01T09-00-3f2a9c10"));
        assertThat(sink.anomalies)
                .extracting(Anomaly::kind)
                .containsExactly(AnomalyKind.UNEXPECTED_SHAPE);
    }

    @Test
    void migratedMetadataRow_carriesTheTitle() {
        CollectingSink sink =
                run(
                        "{\"sessionId\":\"s-1\",\"projectHash\":\"h\",\"summary\":\"Old title\","
                                + "\"lastUpdated\":\"2026-03-01T09:00:00.000Z\"}",
                        "{\"$set\":{\"sessionId\":\"s-1\"}}");
        assertThat(ids(sink)).containsExactly("gemini:s-1#title");
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void reappendedMessage_emitsOnlyNewParts_andNeverAnIdTwice() {
        String call = "{\"id\":\"c1\",\"name\":\"read_file\",\"args\":{\"file_path\":\"/a\"}%s}";
        String a1 =
                "{\"id\":\"a1\",\"type\":\"gemini\",\"content\":\"Reading.\",\"toolCalls\":[%s]}";
        String pending = a1.formatted(call.formatted(""));
        String done =
                a1.formatted(
                        call.formatted(
                                ",\"result\":[{\"functionResponse\":{\"id\":\"c1\","
                                        + "\"response\":{\"output\":\"A\"}}}]"));
        CollectingSink sink = run(META, pending, pending, done, pending, done);
        assertThat(ids(sink))
                .containsExactly(
                        "gemini:s-1/a1#text",
                        "gemini:s-1/a1#tool:c1",
                        "gemini:s-1/a1#tool:c1:result");
    }

    @Test
    void revisedText_flipsBackAndForth_withoutRepeatingAnId() {
        String v1 = "{\"id\":\"a1\",\"type\":\"gemini\",\"content\":\"one\"}";
        String v2 = "{\"id\":\"a1\",\"type\":\"gemini\",\"content\":\"two\"}";
        CollectingSink sink = run(META, v1, v2, v1, v2, v2);
        assertThat(ids(sink))
                .containsExactly(
                        "gemini:s-1/a1#text",
                        "gemini:s-1/a1#text@" + ContentDigest.hex8("two"),
                        "gemini:s-1/a1#text@" + ContentDigest.hex8("one"));
    }

    @Test
    void revisedHumanText_isNoLongerHuman() {
        CollectingSink sink =
                run(
                        META,
                        "{\"id\":\"u1\",\"type\":\"user\",\"content\":\"first\"}",
                        "{\"id\":\"u1\",\"type\":\"user\",\"content\":\"::record x.md\"}");
        assertThat(sink.events).hasSize(2);
        assertThat(user(sink.events.get(0)).origin()).isEqualTo(UserOrigin.HUMAN);
        assertThat(user(sink.events.get(1)).origin()).isEqualTo(UserOrigin.HISTORY_REWRITE);
        assertThat(user(sink.events.get(1)).isHumanTyped()).isFalse();
    }

    @Test
    void textAddedToAKnownMessage_byARewriteOrALaterCopy_isNotHuman() {
        CollectingSink sink =
                run(
                        META,
                        "{\"id\":\"x\",\"type\":\"user\",\"content\":\"\"}",
                        "{\"$set\":{\"messages\":[{\"id\":\"x\",\"type\":\"user\","
                                + "\"content\":\"::record a.md\"}]}}",
                        "{\"id\":\"y\",\"type\":\"user\",\"content\":[]}",
                        "{\"id\":\"y\",\"type\":\"user\",\"content\":\"::record b.md\"}");
        assertThat(ids(sink)).containsExactly("gemini:s-1/x#text", "gemini:s-1/y#text");
        assertThat(sink.events)
                .extracting(e -> user(e).origin())
                .containsOnly(UserOrigin.HISTORY_REWRITE);
    }

    @Test
    void messageFirstSeenInARewrite_staysHistoryRewrite_whenReappendedLater() {
        String u9 = "{\"id\":\"u9\",\"type\":\"user\",\"content\":\"summary of before\"}";
        CollectingSink sink =
                run(
                        META,
                        "{\"$set\":{\"messages\":[" + u9 + "]}}",
                        u9,
                        "{\"id\":\"u9\",\"type\":\"user\",\"content\":\"summary, revised\"}");
        assertThat(sink.events)
                .extracting(e -> user(e).origin())
                .containsExactly(UserOrigin.HISTORY_REWRITE, UserOrigin.HISTORY_REWRITE);
    }

    @Test
    void rewrite_keepsTheOriginOfMessagesAlreadySeen() {
        String u1 = "{\"id\":\"u1\",\"type\":\"user\",\"content\":\"typed by me\"}";
        CollectingSink sink = run(META, u1, "{\"$set\":{\"messages\":[" + u1 + "]}}");
        assertThat(sink.events).hasSize(1);
        assertThat(user(sink.events.getFirst()).origin()).isEqualTo(UserOrigin.HUMAN);
    }

    @Test
    void turnIds_followTheUserRowThatOpenedTheTurn_evenForLateCopies() {
        CollectingSink sink =
                run(
                        META,
                        "{\"id\":\"u1\",\"type\":\"user\",\"content\":\"one\"}",
                        "{\"id\":\"a1\",\"type\":\"gemini\",\"content\":\"A\"}",
                        "{\"id\":\"f1\",\"type\":\"user\",\"content\":[{\"functionResponse\":"
                                + "{\"id\":\"c9\",\"response\":{\"output\":\"o\"}}}]}",
                        "{\"id\":\"u2\",\"type\":\"user\",\"content\":\"two\"}",
                        "{\"id\":\"a1\",\"type\":\"gemini\",\"content\":\"A, revised\"}",
                        "{\"id\":\"a2\",\"type\":\"gemini\",\"content\":\"B\"}");
        assertThat(sink.events)
                .extracting(e -> e.meta().providerEventId() + "@" + e.meta().turnId())
                .containsExactly("u1@u1", "a1@u1", "f1@u1", "u2@u2", "a1@u1", "a2@u2");
    }

    @Test
    void rewindToAnUnknownMessage_stillEmitsOneNotice() {
        CollectingSink sink = run(META, "{\"$rewindTo\":\"nope\"}", "{\"$rewindTo\":\"nope\"}");
        assertThat(ids(sink)).containsExactly("gemini:s-1/nope#rewind");
        assertThat(sink.events.getFirst().meta().timestamp()).isNull();
    }

    @Test
    void subAgentFileRole_marksEveryEvent_evenWithoutKind() {
        ParseContext ctx =
                new ParseContext(Provider.GEMINI, "abc.jsonl", FileRole.SUB_AGENT, "agent-7");
        CollectingSink sink =
                ParserRuns.whole(
                        () -> GeminiParsers.create(ctx, ParserLimits.DEFAULT),
                        bytes(META, "{\"id\":\"p1\",\"type\":\"user\",\"content\":\"::record\"}"));
        assertThat(sink.events).hasSize(1);
        assertThat(user(sink.events.getFirst()).origin()).isEqualTo(UserOrigin.SUB_AGENT);
        assertThat(sink.events.getFirst().meta().agentId()).isEqualTo("agent-7");
    }

    @Test
    void equalResultOfTheSameCall_inAToolResponseRow_isNotEmittedTwice() {
        String fr =
                "[{\"functionResponse\":{\"id\":\"c1\",\"name\":\"ls\","
                        + "\"response\":{\"output\":\"x\"}}}]";
        CollectingSink sink =
                run(
                        META,
                        "{\"id\":\"a1\",\"type\":\"gemini\",\"toolCalls\":[{\"id\":\"c1\","
                                + "\"name\":\"ls\",\"result\":"
                                + fr
                                + "}]}",
                        "{\"id\":\"f1\",\"type\":\"user\",\"content\":" + fr + "}",
                        "{\"id\":\"f2\",\"type\":\"user\",\"content\":[{\"functionResponse\":"
                                + "{\"id\":\"c1\",\"response\":{\"output\":\"y\"}}}]}");
        assertThat(sink.events)
                .filteredOn(ToolResult.class::isInstance)
                .extracting(e -> e.meta().providerEventId() + ":" + ((ToolResult) e).text())
                .containsExactly("a1:x", "f2:y");
    }

    @Test
    void hugeIds_giveBoundedEventIds() {
        String longId = "m".repeat(5000);
        String longSession = "s".repeat(3000);
        CollectingSink sink =
                run(
                        "{\"sessionId\":\"" + longSession + "\",\"projectHash\":\"h\"}",
                        "{\"id\":\""
                                + longId
                                + "\",\"type\":\"gemini\",\"content\":\"x\","
                                + "\"toolCalls\":[{\"id\":\""
                                + longId
                                + "\",\"name\":\"t\"}]}",
                        "{\"$rewindTo\":\"" + longId + "\"}");
        assertThat(sink.anomalies).isEmpty();
        assertThat(sink.events).hasSize(3);
        assertThat(sink.events).allMatch(e -> e.meta().eventId().value().length() <= 512);
        GeminiGoldenTest.assertUniqueIds(sink.events);
    }
}

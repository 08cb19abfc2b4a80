package dev.kato.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Decision;
import dev.kato.event.DecisionOption;
import dev.kato.event.DecisionStatus;
import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.event.Thinking;
import dev.kato.event.ToolCall;
import dev.kato.writer.JsonlRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonlEventReaderTest {
    private static final Path TESTDATA = Path.of("src/test/resources/testdata");
    private static final String SECRET = "TOP-SECRET-CONTENT";
    private final JsonlEventReader reader = new JsonlEventReader();
    private final JsonlRenderer renderer = new JsonlRenderer();

    static Stream<Path> goldens() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TESTDATA)) {
            files =
                    walk.filter(p -> p.getFileName().toString().endsWith(".events.jsonl"))
                            .sorted()
                            .toList();
        }
        assertThat(files).hasSizeGreaterThan(50);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void read_everyGoldenLine_rendersBackByteForByte(Path golden) throws IOException {
        String text = Files.readString(golden, StandardCharsets.UTF_8);
        for (String line : text.split("(?<=\n)")) {
            if (line.isEmpty()) {
                continue;
            }
            EventReadResult result = reader.read(line);
            assertThat(result)
                    .as("%s: %s", golden, result)
                    .isInstanceOf(EventReadResult.Parsed.class);
            ConversationEvent event = ((EventReadResult.Parsed) result).event();
            assertThat(renderer.line(event)).isEqualTo(line);
        }
    }

    @Test
    void read_agentIdAndAcceptedDecisionAndThinking_roundTrip() {
        EventMeta meta =
                new EventMeta(
                        EventId.of(Provider.CLAUDE, "x", "1"),
                        Provider.CLAUDE,
                        "s",
                        Instant.parse("2026-01-01T00:00:00.123Z"),
                        "turn",
                        "assistant",
                        "x",
                        "agent-7");
        List<ConversationEvent> events =
                List.of(
                        new Decision(
                                meta,
                                "k",
                                DecisionStatus.ACCEPTED,
                                "q -> a",
                                "q",
                                List.of(new DecisionOption("a", "the a")),
                                "a"),
                        new Thinking(meta, "hmm \u2603 \"quoted\"\n", null),
                        new ToolCall(meta, "c1", "Bash", "ls", "{\"command\":\"ls\"}", null));
        for (ConversationEvent e : events) {
            String line = renderer.line(e);
            EventReadResult r = reader.read(line);
            assertThat(r).isEqualTo(new EventReadResult.Parsed(e));
        }
    }

    @Test
    void read_withoutTrailingNewline_isAccepted() {
        String line = VaultEvents.jsonl(List.of(VaultEvents.user(key(), "u1", 1, "hi")));
        assertThat(reader.read(line.strip())).isInstanceOf(EventReadResult.Parsed.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "\n",
                "not json " + SECRET,
                "[]",
                "{}",
                "null",
                "{\"conversationSchemaVersion\":1}",
                "{\"conversationSchemaVersion\":\"2\"}",
                "{\"conversationSchemaVersion\":2,\"kind\":\"" + SECRET + "\"}",
            })
    void read_garbage_isRejected_withContentFreeReason(String line) {
        assertRejected(reader.read(line));
    }

    @Test
    void read_unknownKind_isRejected() {
        assertRejected(reader.read(valid().replace("\"kind\":\"message.user\"", "\"kind\":\"x\"")));
    }

    @Test
    void read_missingField_isRejected() {
        assertThat(reader.read(valid().replace("\"origin\":\"human\",", "")))
                .isEqualTo(new EventReadResult.Rejected("missing field 'origin'"));
    }

    @Test
    void read_wrongType_isRejected() {
        assertThat(reader.read(valid().replace("\"origin\":\"human\"", "\"origin\":1")))
                .isEqualTo(new EventReadResult.Rejected("field 'origin' is not a string"));
        assertThat(reader.read(valid().replace("\"turnId\":null", "\"turnId\":false")))
                .isInstanceOf(EventReadResult.Rejected.class);
    }

    @Test
    void read_badSchemaVersion_isRejected() {
        assertThat(
                        reader.read(
                                valid().replace(
                                                "\"conversationSchemaVersion\":2",
                                                "\"conversationSchemaVersion\":3")))
                .isEqualTo(new EventReadResult.Rejected("unsupported conversationSchemaVersion"));
        assertThat(
                        reader.read(
                                valid().replace(
                                                "\"conversationSchemaVersion\":2",
                                                "\"conversationSchemaVersion\":2.0")))
                .isInstanceOf(EventReadResult.Rejected.class);
    }

    @Test
    void read_extraFieldOrOtherOrder_isRejected() {
        assertThat(
                        reader.read(
                                valid().replace(
                                                "\"origin\":\"human\"",
                                                "\"origin\":\"human\",\"x\":1")))
                .isEqualTo(new EventReadResult.Rejected("unexpected field"));
        assertThat(
                        reader.read(
                                valid().replace(
                                                "\"origin\":\"human\",\"text\":\"" + SECRET + "\"",
                                                "\"text\":\""
                                                        + SECRET
                                                        + "\",\"origin\":\"human\"")))
                .isEqualTo(new EventReadResult.Rejected("fields out of canonical order"));
    }

    @Test
    void read_duplicateField_isRejected() {
        assertRejected(
                reader.read(
                        valid().replace(
                                        "\"origin\":\"human\"",
                                        "\"origin\":\"human\",\"origin\":\"human\"")));
    }

    @Test
    void read_unknownEnumValues_andBadTimestamps_areRejected() {
        assertRejected(
                reader.read(
                        valid().replace("\"origin\":\"human\"", "\"origin\":\"" + SECRET + "\"")));
        assertRejected(
                reader.read(valid().replace("\"provider\":\"claude\"", "\"provider\":\"x\"")));
        assertRejected(reader.read(valid().replace(".000Z", "Z")));
        assertRejected(
                reader.read(
                        valid().replace("2026-02-01T10:00:01.000Z", "2026-02-30T10:00:01.000Z")));
        assertRejected(reader.read(valid().replace(".000Z", ".000+01:00")));
    }

    @Test
    void read_acceptedDecisionWithoutAnswer_andWrongDecidedBy_areRejected() {
        EventMeta meta = VaultEvents.meta(key(), "d", 1);
        String proposed =
                renderer.line(
                        new Decision(
                                meta, "k", DecisionStatus.PROPOSED, "s", "q", List.of(), null));
        assertRejected(
                reader.read(
                        proposed.replace("\"status\":\"proposed\"", "\"status\":\"accepted\"")));
        assertRejected(
                reader.read(proposed.replace("\"decidedBy\":\"\"", "\"decidedBy\":\"user\"")));
    }

    @Test
    void read_overlongEventId_isRejected() {
        String id = "claude:" + "x".repeat(600);
        assertRejected(reader.read(valid().replace("\"claude:u1\"", "\"" + id + "\"")));
    }

    @Test
    void read_unpairedSurrogate_isRejected_pairedIsKept() {
        assertThat(reader.read(valid().replace(SECRET, "a\\ud800b")))
                .isEqualTo(new EventReadResult.Rejected("field 'text' has an unpaired surrogate"));
        assertThat(reader.read(valid().replace(SECRET, "\\ud83d\\ude00")))
                .isInstanceOf(EventReadResult.Parsed.class);
    }

    @Test
    void read_loneSurrogateInAnyForm_isRejected_lookalikesAreKept() {
        String rejected = "field 'text' has an unpaired surrogate";
        for (String text : java.util.List.of("\\uDFFF", "x\\udbff", "\\ude00\\ud83d")) {
            assertThat(reader.read(valid().replace(SECRET, text)))
                    .as(text)
                    .isEqualTo(new EventReadResult.Rejected(rejected));
        }
        // the three-byte (CESU) form of U+D800: the parser must refuse it, the reader relies on it
        byte[] cesu = valid().replace(SECRET, "a@b").getBytes(StandardCharsets.UTF_8);
        int at = new String(cesu, StandardCharsets.ISO_8859_1).indexOf("a@b") + 1;
        byte[] line = new byte[cesu.length + 2];
        System.arraycopy(cesu, 0, line, 0, at);
        line[at] = (byte) 0xED;
        line[at + 1] = (byte) 0xA0;
        line[at + 2] = (byte) 0x80;
        System.arraycopy(cesu, at + 1, line, at + 3, cesu.length - at - 1);
        assertThat(reader.read(line)).isInstanceOf(EventReadResult.Rejected.class);
        // an escaped backslash before "ud800", and a real U+D7FF and U+E000 (lead byte 0xED, 0xEE)
        for (String text : java.util.List.of("\\\\ud800", "\uD7FF\uE000", "\\u00ed")) {
            assertThat(reader.read(valid().replace(SECRET, text)))
                    .as(text)
                    .isInstanceOf(EventReadResult.Parsed.class);
        }
    }

    @Test
    void read_deepNesting_isRejected() {
        assertRejected(reader.read("[".repeat(10_000)));
    }

    private static dev.kato.event.SessionKey key() {
        return new dev.kato.event.SessionKey(Provider.CLAUDE, "sess");
    }

    private static String valid() {
        return VaultEvents.jsonl(List.of(VaultEvents.user(key(), "u1", 1, SECRET)));
    }

    private static void assertRejected(EventReadResult r) {
        assertThat(r).isInstanceOf(EventReadResult.Rejected.class);
        assertThat(((EventReadResult.Rejected) r).reason()).doesNotContain(SECRET);
    }
}

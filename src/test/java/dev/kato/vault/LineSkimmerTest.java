package dev.kato.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.AssistantMessage;
import dev.kato.event.AssistantPhase;
import dev.kato.event.ConversationEvent;
import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.event.SessionKey;
import dev.kato.event.SystemNotice;
import dev.kato.event.Thinking;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.writer.JsonlRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The skimmer is held to {@link JsonlEventReader}'s rules: it accepts exactly the lines the reader
 * accepts, and a line it accepts reads back to the reader's event. Only which lines are skimmed is
 * its own.
 */
class LineSkimmerTest {
    private static final Path TESTDATA = Path.of("src/test/resources/testdata");
    private final LineSkimmer skimmer = new LineSkimmer();
    private final JsonlEventReader reader = new JsonlEventReader();
    private final JsonlRenderer renderer = new JsonlRenderer();

    private static SessionKey key() {
        return new SessionKey(Provider.CLAUDE, "s-1");
    }

    static EventMeta meta(String id, @org.jspecify.annotations.Nullable String agent) {
        return new EventMeta(
                EventId.of(Provider.CLAUDE, id),
                Provider.CLAUDE,
                "s-1",
                Instant.parse("2026-02-01T10:00:00.123Z"),
                "turn-1",
                "assistant",
                id,
                agent);
    }

    /** One event of every skimmable kind, with and without an agent id and null fields. */
    static List<ConversationEvent> skimmable() {
        List<ConversationEvent> out = new ArrayList<>();
        for (String agent : new String[] {null, "agent-7"}) {
            out.add(
                    new AssistantMessage(
                            meta("a", agent), "an answer ✓", "m", AssistantPhase.FINAL));
            out.add(new AssistantMessage(meta("b", agent), "", null, AssistantPhase.UNSPECIFIED));
            out.add(new Thinking(meta("t", agent), "hmm\n\"quoted\"\ttab", null));
            out.add(
                    new ToolCall(
                            meta("c", agent),
                            "call-1",
                            "Bash",
                            "list files",
                            "{\"command\":\"ls -la\"}",
                            "m"));
            out.add(new ToolResult(meta("r", agent), "call-1", "total 0\n😀 done", true));
            out.add(new SystemNotice(meta("n", agent), "compact", "summary"));
        }
        return out;
    }

    @Test
    void storedOnlyKinds_areSkimmed_andReadBackToTheSameEvent() {
        for (ConversationEvent e : skimmable()) {
            byte[] line = renderer.line(e).getBytes(StandardCharsets.UTF_8);
            Optional<LineEvent> read = skimmer.read(line, 0, line.length);
            assertThat(read).as(e.toString()).get().isInstanceOf(LineEvent.Skimmed.class);
            assertThat(read.get().meta()).isEqualTo(e.meta());
            assertThat(read.get().event()).isEqualTo(e);
            assertThat(read.get().toString()).doesNotContain("answer", "hmm", "total");
        }
    }

    @Test
    void userMessagesTitles_andLinesThatCouldHoldACommand_areReadWhole() {
        List<ConversationEvent> whole =
                List.of(
                        VaultEvents.user(key(), "u", 1, "a question"),
                        VaultEvents.title(key(), "p", "a title"),
                        new AssistantMessage(
                                meta("x", null), "run ::stop", "m", AssistantPhase.FINAL),
                        new ToolResult(meta("y", null), "c", "ansi \u001b[0m colour", false),
                        new ToolCall(
                                meta("z", null),
                                "c",
                                "Write",
                                "d",
                                "{\"content\":\"\\u003a\\u003astop\"}",
                                null));
        for (ConversationEvent e : whole) {
            byte[] line = renderer.line(e).getBytes(StandardCharsets.UTF_8);
            Optional<LineEvent> read = skimmer.read(line, 0, line.length);
            assertThat(read).as(e.toString()).contains(new LineEvent.Whole(e));
        }
    }

    @Test
    void everyGoldenLine_isAcceptedAsTheReaderReadsIt() throws IOException {
        List<byte[]> lines = goldenLines();
        assertThat(lines).hasSizeGreaterThan(200);
        int skimmed = 0;
        for (byte[] line : lines) {
            assertSameVerdict(line);
            if (skimmer.read(line, 0, line.length).orElseThrow() instanceof LineEvent.Skimmed) {
                skimmed++;
            }
        }
        assertThat(skimmed).as("golden lines skimmed").isGreaterThan(lines.size() / 10);
    }

    /**
     * Seeded mutations of valid lines (bytes flipped, dropped, doubled or swapped for bytes that
     * break UTF-8, JSON or the layout): the skimmer and the reader agree on every one.
     */
    @Test
    void mutatedLines_getTheReadersVerdict() throws IOException {
        List<byte[]> seeds = mutationSeeds(7);
        byte[] nasty = {
            0,
            0x1f,
            '"',
            '\\',
            '{',
            '}',
            '[',
            ']',
            ',',
            ':',
            'n',
            '1',
            (byte) 0x80,
            (byte) 0xC0,
            (byte) 0xC3,
            (byte) 0xED,
            (byte) 0xA0,
            (byte) 0xF4,
            (byte) 0x90,
            (byte) 0xF5,
            (byte) 0xFF
        };
        Random random = new Random(20261206L);
        int accepted = 0;
        for (int round = 0; round < 40_000; round++) {
            byte[] line = mutate(seeds.get(random.nextInt(seeds.size())), random, nasty);
            if (assertSameVerdict(line)) {
                accepted++;
            }
        }
        // the mutations must leave some lines valid, or the agreement on acceptance is untested
        assertThat(accepted).isGreaterThan(1_000);
    }

    /**
     * Bytes that are not UTF-8 in a text the skimmer steps over: refused as the reader refuses
     * them. (Jackson steps over the three-byte form of a surrogate without a word, so the skimmer
     * reads such a line whole; it decodes an overlong form, as the reader does.)
     */
    @Test
    void malformedUtf8InASkippedText_getsTheReadersVerdict() {
        ConversationEvent e = new ToolResult(meta("r", null), "c", "a@b", false);
        byte[] valid = renderer.line(e).getBytes(StandardCharsets.UTF_8);
        int at = new String(valid, StandardCharsets.ISO_8859_1).indexOf("a@b") + 1;
        List<byte[]> refused =
                List.of(
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate
                        new byte[] {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
                        new byte[] {(byte) 0x80}, // a continuation byte alone
                        new byte[] {(byte) 0xE2, (byte) 0x82}, // cut short
                        new byte[] {0x01}); // a control character
        List<byte[]> other =
                List.of(
                        new byte[] {(byte) 0xC0, (byte) 0xAF}, // overlong
                        new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                        new byte[] {(byte) 0xED, (byte) 0x9F, (byte) 0xBF}); // U+D7FF
        for (byte[] bad : refused) {
            byte[] line = spliced(valid, at, bad);
            assertThat(assertSameVerdict(line)).as(HexFormat.of().formatHex(bad)).isFalse();
        }
        for (byte[] bad : other) {
            assertSameVerdict(spliced(valid, at, bad));
        }
    }

    static byte[] spliced(byte[] valid, int at, byte[] bad) {
        byte[] line = new byte[valid.length - 1 + bad.length];
        System.arraycopy(valid, 0, line, 0, at);
        System.arraycopy(bad, 0, line, at, bad.length);
        System.arraycopy(valid, at + 1, line, at + bad.length, valid.length - at - 1);
        return line;
    }

    /** The word-at-a-time scan agrees with a byte-by-byte one at every offset and length. */
    @Test
    void theWholeReadScan_findsEveryPairItLooksFor_andNothingElse() {
        Random random = new Random(7);
        byte[] alphabet = {
            ':',
            '\\',
            'u',
            'a',
            '"',
            (byte) 0xED,
            (byte) 0xA0,
            (byte) 0xBF,
            (byte) 0x9F,
            (byte) 0xC0,
            (byte) 0xE0,
            0
        };
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + random.nextInt(40)];
            for (int k = 0; k < b.length; k++) {
                // mostly harmless bytes, so that most arrays hold no pair at all
                b[k] =
                        random.nextInt(6) == 0
                                ? alphabet[random.nextInt(alphabet.length)]
                                : (byte) 'x';
            }
            int from = random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            boolean expected = false;
            for (int k = from; k + 1 < to; k++) {
                int x = b[k] & 0xFF;
                int y = b[k + 1] & 0xFF;
                expected |=
                        (x == ':' && y == ':')
                                || (x == '\\' && y == 'u')
                                || (x == 0xED && y >= 0xA0 && y <= 0xBF);
            }
            assertThat(LineSkimmer.mustReadWhole(b, from, to))
                    .as("%s [%d, %d)", HexFormat.of().formatHex(b), from, to)
                    .isEqualTo(expected);
        }
    }

    private boolean assertSameVerdict(byte[] line) {
        EventReadResult expected = reader.read(line);
        Optional<LineEvent> read = skimmer.read(line, 0, line.length);
        String shown = new String(line, StandardCharsets.UTF_8);
        if (expected instanceof EventReadResult.Parsed(ConversationEvent event)) {
            assertThat(read).as(shown).isPresent();
            assertThat(read.get().event()).as(shown).isEqualTo(event);
            assertThat(read.get().meta()).as(shown).isEqualTo(event.meta());
            return true;
        }
        assertThat(read).as(shown).isEmpty();
        return false;
    }

    /** Lines to mutate: every skimmable kind as rendered, and every {@code step}th golden line. */
    static List<byte[]> mutationSeeds(int step) throws IOException {
        JsonlRenderer renderer = new JsonlRenderer();
        List<byte[]> seeds = new ArrayList<>();
        for (ConversationEvent e : skimmable()) {
            seeds.add(renderer.line(e).getBytes(StandardCharsets.UTF_8));
        }
        List<byte[]> golden = goldenLines();
        for (int i = 0; i < golden.size(); i += step) {
            seeds.add(golden.get(i));
        }
        return seeds;
    }

    static byte[] mutate(byte[] seed, Random random, byte[] nasty) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(2);
        for (int k = 0; k < edits; k++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = nasty[random.nextInt(nasty.length)];
                case 1 -> b[at] = (byte) (b[at] ^ (1 << random.nextInt(8)));
                case 2 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter.length == 0 ? b : shorter;
                }
                default -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = nasty[random.nextInt(nasty.length)];
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }

    static List<byte[]> goldenLines() throws IOException {
        List<byte[]> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(TESTDATA)) {
            for (Path p :
                    walk.filter(p -> p.getFileName().toString().endsWith(".events.jsonl"))
                            .sorted()
                            .toList()) {
                for (String line : Files.readString(p).split("(?<=\n)")) {
                    if (!line.isEmpty()) {
                        lines.add(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return lines;
    }
}

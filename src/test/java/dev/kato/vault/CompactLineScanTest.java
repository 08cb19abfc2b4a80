package dev.kato.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.ToolResult;
import dev.kato.writer.JsonlRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The compact scan (LineSkimmer's fast path) against LineSkimmer's Jackson skim: wherever the scan
 * accepts a line, the Jackson skim accepts it with the same header and kind; and the scan does
 * engage on what the canonical renderer writes, so the daemon's catch-up takes it.
 */
class CompactLineScanTest {
    private final LineSkimmer skimmer = new LineSkimmer();
    private final JsonlRenderer renderer = new JsonlRenderer();

    private static LineSkimmer.@Nullable Skim scan(byte[] line) {
        int end = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
        return CompactLineScan.scan(line, 0, end);
    }

    /** Asserts the Jackson skim agrees with an accepting scan; whether the scan accepted. */
    private boolean assertJacksonAgrees(byte[] line) {
        LineSkimmer.Skim fast = scan(line);
        if (fast == null) {
            return false;
        }
        int end = line[line.length - 1] == '\n' ? line.length - 1 : line.length;
        Optional<LineEvent> slow = skimmer.readByJackson(line, 0, line.length, end);
        String shown = new String(line, StandardCharsets.UTF_8);
        assertThat(slow).as(shown).get().isInstanceOf(LineEvent.Skimmed.class);
        assertThat(slow.get().meta()).as(shown).isEqualTo(fast.meta());
        assertThat(((LineEvent.Skimmed) slow.get()).kind()).as(shown).isEqualTo(fast.kind());
        return true;
    }

    @Test
    void everySkimmableKind_asRendered_takesTheCompactScan_withTheSkimsHeader() {
        for (ConversationEvent e : LineSkimmerTest.skimmable()) {
            byte[] line = renderer.line(e).getBytes(StandardCharsets.UTF_8);
            assertThat(assertJacksonAgrees(line)).as(e.toString()).isTrue();
            assertThat(scan(line).meta()).isEqualTo(e.meta());
        }
    }

    @Test
    void goldenLines_ofSkimmableKinds_takeTheCompactScan() throws IOException {
        int fast = 0;
        int skimmed = 0;
        for (byte[] line : LineSkimmerTest.goldenLines()) {
            if (assertJacksonAgrees(line)) {
                fast++;
            }
            int end = line.length - 1;
            if (skimmer.readByJackson(line, 0, line.length, end).orElseThrow()
                    instanceof LineEvent.Skimmed) {
                skimmed++;
            }
        }
        // the provider fixtures' texts are plain enough that nearly every skimmed line is compact
        assertThat(fast).isGreaterThan(skimmed * 9 / 10).isPositive();
    }

    /** Seeded mutations (as in LineSkimmerTest): wherever the scan accepts, Jackson agrees. */
    @Test
    void mutatedLines_theScanAcceptsOnlyWhatTheSkimAccepts() throws IOException {
        List<byte[]> seeds = LineSkimmerTest.mutationSeeds(5);
        byte[] nasty = {
            0,
            0x1f,
            ' ',
            '"',
            '\\',
            'u',
            '{',
            '}',
            ',',
            ':',
            'n',
            '2',
            (byte) 0x80,
            (byte) 0xC0,
            (byte) 0xC3,
            (byte) 0xE0,
            (byte) 0xED,
            (byte) 0xA0,
            (byte) 0xF0,
            (byte) 0xF4,
            (byte) 0x90,
            (byte) 0xF5,
            (byte) 0xFF
        };
        Random random = new Random(20261207L);
        int accepted = 0;
        for (int round = 0; round < 60_000; round++) {
            byte[] line =
                    LineSkimmerTest.mutate(seeds.get(random.nextInt(seeds.size())), random, nasty);
            if (line.length > 0 && assertJacksonAgrees(line)) {
                accepted++;
            }
        }
        // enough mutated lines stay acceptable for the agreement on acceptance to be tested
        assertThat(accepted).isGreaterThan(2_000);
    }

    /**
     * What the scan does not know is left to the Jackson skim: whitespace, an escape in a header
     * string, a {@code \\u} escape or {@code ::} in a text, bytes that are not well-formed UTF-8, a
     * control character, a kind read whole.
     */
    @Test
    void formsTheScanDoesNotKnow_areLeftToTheSkim() {
        ConversationEvent e = new ToolResult(LineSkimmerTest.meta("r", null), "c", "a@b", false);
        String valid = renderer.line(e);
        assertThat(scan(valid.getBytes(StandardCharsets.UTF_8))).isNotNull();
        List<String> deferred =
                List.of(
                        valid.replace("a@b", "a\\u0041b"),
                        valid.replace("a@b", "a::b"),
                        valid.replace("a@b", "a\\\\u0041b"), // an escaped backslash, then a 'u'
                        valid.replace("a@b", "a\\ub"),
                        valid.replace("\"isError\":false", "\"isError\": false"),
                        valid.replace("\"toolCallId\":\"c\"", "\"toolCallId\":\"c\\/\"")
                                .replace(
                                        "\"providerEventId\":\"r\"", "\"providerEventId\":\"\\r\""),
                        valid.replace("\"sessionId\":\"s-1\"", "\"sessionId\":\"s-é\""),
                        valid.replace("\"kind\":\"tool.result\"", "\"kind\":\"message.user\""),
                        valid.replace("}\n", "} \n"));
        for (String line : deferred) {
            assertThat(line).isNotEqualTo(valid);
            assertThat(scan(line.getBytes(StandardCharsets.UTF_8))).as(line).isNull();
        }
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        int at = valid.indexOf("a@b") + 1;
        List<byte[]> notWellFormed =
                List.of(
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate
                        new byte[] {(byte) 0xC0, (byte) 0xAF}, // overlong
                        new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong
                        new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF},
                        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                        new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                        new byte[] {(byte) 0x80}, // a continuation byte alone
                        new byte[] {(byte) 0xE2, (byte) 0x82}, // cut short
                        new byte[] {0x01}); // a control character
        for (byte[] bad : notWellFormed) {
            byte[] line = LineSkimmerTest.spliced(bytes, at, bad);
            assertThat(scan(line)).as(HexFormat.of().formatHex(bad)).isNull();
        }
        List<byte[]> wellFormed =
                List.of(
                        "é".getBytes(StandardCharsets.UTF_8),
                        "→".getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xED, (byte) 0x9F, (byte) 0xBF}, // U+D7FF
                        new byte[] {(byte) 0xEE, (byte) 0x80, (byte) 0x80}, // U+E000
                        "😀".getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF});
        for (byte[] good : wellFormed) {
            byte[] line = LineSkimmerTest.spliced(bytes, at, good);
            assertThat(assertJacksonAgrees(line)).as(HexFormat.of().formatHex(good)).isTrue();
        }
    }

    /** The index of the lowest flagged byte, whatever the flags above it. */
    @Test
    void firstFlaggedByte_isTheLowestFlag() {
        Random random = new Random(7);
        for (int j = 0; j < Long.BYTES; j++) {
            for (int round = 0; round < 200; round++) {
                long above = random.nextLong() & 0x8080_8080_8080_8080L & (-1L << (8 * j + 8));
                long flags = (0x80L << (8 * j)) | (j == 7 ? 0 : above);
                assertThat(CompactStrings.firstFlaggedByte(flags)).isEqualTo(j);
                assertThat(CompactStrings.firstFlaggedByte(flags))
                        .isEqualTo(Long.numberOfTrailingZeros(flags) >>> 3);
            }
        }
    }

    /** Texts long enough for the word-at-a-time loop, with a special byte at every offset. */
    @Test
    void aSpecialByteAtAnyOffsetOfAWord_isSeen() {
        for (int pad = 0; pad < 24; pad++) {
            for (String special : new String[] {"\\\"", "\\n", "::", "\u0001", "é", "\\u0041"}) {
                String text = "x".repeat(pad) + "%s" + "y".repeat(17);
                ConversationEvent e =
                        new ToolResult(LineSkimmerTest.meta("r", null), "c", "PLACE", false);
                String line = renderer.line(e).replace("PLACE", text.formatted(special));
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                boolean known =
                        !special.equals("::")
                                && !special.equals("\u0001")
                                && !special.equals("\\u0041");
                if (known) {
                    assertThat(assertJacksonAgrees(bytes)).as(line).isTrue();
                } else {
                    assertThat(scan(bytes)).as(line).isNull();
                }
            }
        }
    }
}

package dev.kato.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A text is kept in its canonical spelling only when that spelling is exactly what Jackson's UTF-8
 * generator (the renderer's) writes for its characters, and then decodes to those characters.
 */
class TextTest {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int ANY = Integer.MAX_VALUE;

    /** Characters that stress the spelling: escapes, controls, every UTF-8 length, surrogates. */
    private static final String[] PIECES = {
        "a", "Z", " ", "/", ":", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u0001",
        "\u001b", "\u001f", "\u007f", "é", "ÿ", "\u0800", "配", "\u2028", "\uFEFF", "\uFFFF", "😀",
        "\uD800", "\uDFFF", "u", "uD800"
    };

    /** The bytes Jackson's UTF-8 generator writes for {@code s}, without the quotes. */
    static byte[] jacksonSpelling(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeString(s);
        }
        byte[] quoted = out.toByteArray();
        return Arrays.copyOfRange(quoted, 1, quoted.length - 1);
    }

    private static String randomString(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(0, 24);
        for (int i = 0; i < n; i++) {
            sb.append(
                    random.nextInt(3) == 0
                            ? PIECES[random.nextInt(PIECES.length)]
                            : String.valueOf((char) random.nextInt('a', 'z' + 1)));
        }
        return sb.toString();
    }

    private static byte[] quotedWithTail(byte[] content, String tail) {
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[content.length + 1 + t.length];
        System.arraycopy(content, 0, b, 0, content.length);
        b[content.length] = '"';
        System.arraycopy(t, 0, b, content.length + 1, t.length);
        return b;
    }

    @Test
    void jacksonsSpelling_isKeptExactlyWhenItHasOnlyTwoCharacterEscapes() {
        SplittableRandom random = new SplittableRandom(11);
        int kept = 0;
        for (int round = 0; round < 30_000; round++) {
            String s = randomString(random);
            byte[] spelling = jacksonSpelling(s);
            byte[] doc = quotedWithTail(spelling, ",\"next\":1}");
            Text text = Text.ofCanonicalJson(doc, 0, doc.length, 0, ANY);
            boolean canonical = hasOnlyTwoCharacterEscapes(s);
            if (canonical) {
                assertThat(text).as("round %s", round).isNotNull();
                assertThat(text.heldCanonically()).isTrue();
                assertThat(text.value()).isEqualTo(s);
                assertThat(spellingOf(text)).isEqualTo(spelling);
                kept++;
            } else {
                // a control character or a lone surrogate: Jackson spells it \\uXXXX
                assertThat(text).as("round %s", round).isNull();
            }
        }
        assertThat(kept).isGreaterThan(5_000);
    }

    @Test
    void mutatedSpellings_whenKept_decodeAsJacksonDoes_andRespellIdentically() {
        SplittableRandom random = new SplittableRandom(12);
        byte[] noise = {
            '\\',
            '"',
            'u',
            '/',
            'n',
            0,
            0x1f,
            0x7f,
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
        int kept = 0;
        int refused = 0;
        for (int round = 0; round < 60_000; round++) {
            byte[] spelling = jacksonSpelling(randomString(random));
            int edits = random.nextInt(1, 4);
            for (int e = 0; e < edits && spelling.length > 0; e++) {
                spelling[random.nextInt(spelling.length)] = noise[random.nextInt(noise.length)];
            }
            byte[] doc = quotedWithTail(spelling, "}");
            Text text = Text.ofCanonicalJson(doc, 0, doc.length, 0, ANY);
            if (text == null) {
                refused++;
                continue;
            }
            // kept: the bytes up to the first unescaped quote are a JSON string Jackson reads
            // as the same characters, and writes back as the same bytes
            int end = spellingOf(text).length;
            String jackson = jacksonDecode(doc, end);
            assertThat(text.value()).as("round %s", round).isEqualTo(jackson);
            assertThat(jacksonSpelling(jackson)).isEqualTo(Arrays.copyOfRange(doc, 0, end));
            assertThat(spellingOf(text)).isEqualTo(Arrays.copyOfRange(doc, 0, end));
            kept++;
        }
        assertThat(kept).isGreaterThan(5_000);
        assertThat(refused).isGreaterThan(5_000);
    }

    @Test
    void refused_nonCanonicalEscapes_rawControls_illFormedUtf8_noClosingQuote() {
        for (String content :
                new String[] {
                    "a\\/b\"", // Jackson writes '/' as it is
                    "a\\u0041\"", // any \\u escape
                    "tab\tinside\"", // a raw control character
                    "no closing quote",
                    "ends in a backslash\\"
                }) {
            byte[] b = content.getBytes(StandardCharsets.UTF_8);
            assertThat(Text.ofCanonicalJson(b, 0, b.length, 0, ANY)).as(content).isNull();
        }
        byte[][] illFormed = {
            {'a', (byte) 0xC0, (byte) 0x80, '"'}, // overlong
            {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // a surrogate
            {'a', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // above U+10FFFF
            {'a', (byte) 0xE2, (byte) 0x82, '"'}, // cut short
            {'a', (byte) 0x80, '"'} // a continuation byte alone
        };
        for (byte[] b : illFormed) {
            assertThat(Text.ofCanonicalJson(b, 0, b.length, 0, ANY)).isNull();
        }
    }

    @Test
    void sizeBounds_areOnTheSpellingsBytes_andTheRangeIsChecked() {
        byte[] b = "0123456789\" tail".getBytes(StandardCharsets.UTF_8);
        assertThat(Text.ofCanonicalJson(b, 0, b.length, 10, 10)).isNotNull();
        assertThat(Text.ofCanonicalJson(b, 0, b.length, 11, ANY)).isNull();
        assertThat(Text.ofCanonicalJson(b, 0, b.length, 0, 9)).isNull();
        // the closing quote must lie before 'to'
        assertThat(Text.ofCanonicalJson(b, 0, 10, 0, ANY)).isNull();
        assertThat(Text.ofCanonicalJson(b, 2, b.length, 0, ANY).value()).isEqualTo("23456789");
        assertThatThrownBy(() -> Text.ofCanonicalJson(b, 0, b.length + 1, 0, ANY))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void keptBytes_areACopy_equalityIsByCharacters_andToStringShowsNoContent() {
        byte[] b = "secret text\\n\"".getBytes(StandardCharsets.UTF_8);
        Text text = Text.ofCanonicalJson(b, 0, b.length, 0, ANY);
        Arrays.fill(b, (byte) 'x');
        assertThat(text.value()).isEqualTo("secret text\n");
        assertThat(text).isEqualTo(Text.of("secret text\n")).hasSameHashCodeAs("secret text\n");
        assertThat(Text.of("secret text\n").heldCanonically()).isFalse();
        assertThat(Text.of("x").writeCanonicalJsonTo((bytes, off, len) -> {})).isFalse();
        assertThat(text.toString()).doesNotContain("secret").doesNotContain("text");
    }

    /** No control character but the five with short escapes, and no lone surrogate. */
    private static boolean hasOnlyTwoCharacterEscapes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && "\b\f\n\r\t".indexOf(c) < 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)
                    && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))) {
                return false;
            }
            if (Character.isLowSurrogate(c)
                    && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] spellingOf(Text text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(text.writeCanonicalJsonTo(out::write)).isTrue();
        return out.toByteArray();
    }

    /** Jackson's reading of the JSON string whose content is {@code doc[0, end)}. */
    private static String jacksonDecode(byte[] doc, int end) {
        byte[] quoted = new byte[end + 2];
        quoted[0] = '"';
        System.arraycopy(doc, 0, quoted, 1, end);
        quoted[end + 1] = '"';
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), quoted)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            return p.getString();
        }
    }
}

package dev.kato.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The bulk escape gives exactly the bytes Jackson's generator writes for a string, lone surrogates
 * aside (they become {@code ?}, as in the JDK's encoder): checked against the generator on every
 * character below U+0080, on characters at the UTF-8 length boundaries, and on random strings of
 * them, of every length around the eight-byte words the search reads.
 */
class JsonStringBytesTest {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** What the generator writes between the quotes, for {@code s} with lone surrogates as '?'. */
    private static byte[] generated(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeString(withoutLoneSurrogates(s));
        }
        byte[] b = out.toByteArray();
        assertThat(b[0]).isEqualTo((byte) '"');
        assertThat(b[b.length - 1]).isEqualTo((byte) '"');
        return Arrays.copyOfRange(b, 1, b.length - 1);
    }

    private static String withoutLoneSurrogates(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '?' : c);
            }
        }
        return out.toString();
    }

    private static void matchesTheGenerator(String s) {
        assertThat(JsonStringBytes.of(s)).as("escaped %s", describe(s)).isEqualTo(generated(s));
    }

    private static String describe(String s) {
        return s.chars().limit(40).mapToObj(c -> String.format("%04X", c)).toList().toString();
    }

    @Test
    void everyCharacterBelow0x80_aloneAndBetweenLetters() {
        for (char c = 0; c < 0x80; c++) {
            matchesTheGenerator(String.valueOf(c));
            matchesTheGenerator("abcdefgh" + c + "ijklmnopq");
        }
    }

    @Test
    void plainText_isTheEncodersOwnBytes() {
        assertThat(JsonStringBytes.of("plain text, no escapes"))
                .isEqualTo("plain text, no escapes".getBytes(StandardCharsets.UTF_8));
        assertThat(JsonStringBytes.of("")).isEmpty();
        assertThat(new String(JsonStringBytes.of("a\"b\\c\nd\u0001é😀"), StandardCharsets.UTF_8))
                .isEqualTo("a\\\"b\\\\c\\nd\\u0001é😀");
    }

    @Test
    void loneSurrogates_becomeQuestionMarks() {
        assertThat(new String(JsonStringBytes.of("a\uD800b\uDC00c"), StandardCharsets.UTF_8))
                .isEqualTo("a?b?c");
        assertThat(
                        new String(
                                JsonStringBytes.of("\uDC00\uD83D\uDE00\uD83D"),
                                StandardCharsets.UTF_8))
                .isEqualTo("?😀?");
    }

    @Test
    void randomStrings_matchTheGenerator() {
        char[] alphabet = {
            'a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', 0, 1, 0x1F, 0x7F,
            0x80, 0xE9, 0xFF, 0x100, 0x7FF, 0x800, 0x2028, 0x2029, 0xFEFF, 0xFFFD, 0xFFFF, 0xD83D,
            0xDE00, 0xD800, 0xDBFF, 0xDC00, 0xDFFF
        };
        SplittableRandom random = new SplittableRandom(20261206);
        for (int n = 0; n < 20_000; n++) {
            int length = random.nextInt(0, 40);
            boolean mostlyPlain = random.nextBoolean();
            StringBuilder s = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                s.append(
                        mostlyPlain && random.nextInt(10) > 0
                                ? (char) ('a' + random.nextInt(26))
                                : alphabet[random.nextInt(alphabet.length)]);
            }
            matchesTheGenerator(s.toString());
        }
    }
}

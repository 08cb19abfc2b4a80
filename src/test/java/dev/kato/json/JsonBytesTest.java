package dev.kato.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time searches find exactly what a byte-by-byte loop finds. */
class JsonBytesTest {
    @Test
    void randomArraysAndRanges_matchAPlainLoop() {
        SplittableRandom random = new SplittableRandom(3);
        byte[] alphabet = {'a', '\n', '\\', (byte) 0xED, (byte) 0x80, 0, (byte) 0xFF, '\r'};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(0, 40)];
            // sparse targets, so that many words hold none and some hold several
            for (int i = 0; i < b.length; i++) {
                b[i] =
                        random.nextInt(6) == 0
                                ? alphabet[random.nextInt(alphabet.length)]
                                : (byte) 'x';
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            byte x = alphabet[random.nextInt(alphabet.length)];
            byte y = alphabet[random.nextInt(alphabet.length)];
            assertThat(JsonBytes.indexOf(b, from, to, x)).isEqualTo(plain(b, from, to, x, x));
            assertThat(JsonBytes.indexOfEither(b, from, to, x, y))
                    .isEqualTo(plain(b, from, to, x, y));
            assertThat(JsonBytes.indexOfPair(b, from, to, x, y))
                    .as("pair %s %s in %s [%s, %s)", x, y, java.util.Arrays.toString(b), from, to)
                    .isEqualTo(plainPair(b, from, to, x, y));
        }
    }

    @Test
    void emptyOrReversedRange_findsNothing_outsideTheArray_isAnError() {
        byte[] b = "ab\ncd".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(JsonBytes.indexOf(b, 3, 3, (byte) '\n')).isEqualTo(-1);
        assertThat(JsonBytes.indexOf(b, 5, 2, (byte) '\n')).isEqualTo(-1);
        assertThatThrownBy(() -> JsonBytes.indexOf(b, -1, 2, (byte) '\n'))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> JsonBytes.indexOfEither(b, 0, 6, (byte) 'a', (byte) 'b'))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void pairs_atWordBoundariesAndRangeEnds() {
        byte[] b = "abcdefg\\uhijklmno\\u".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(JsonBytes.indexOfPair(b, 0, b.length, (byte) '\\', (byte) 'u')).isEqualTo(7);
        assertThat(JsonBytes.indexOfPair(b, 8, b.length, (byte) '\\', (byte) 'u')).isEqualTo(17);
        assertThat(JsonBytes.indexOfPair(b, 8, b.length - 1, (byte) '\\', (byte) 'u'))
                .as("the second byte outside the range")
                .isEqualTo(-1);
        byte[] many = new byte[64];
        java.util.Arrays.fill(many, (byte) '\\');
        assertThat(JsonBytes.indexOfPair(many, 0, 64, (byte) '\\', (byte) 'u')).isEqualTo(-1);
        many[40] = 'u';
        assertThat(JsonBytes.indexOfPair(many, 0, 64, (byte) '\\', (byte) 'u')).isEqualTo(39);
    }

    private static int plainPair(byte[] b, int from, int to, byte x, byte y) {
        for (int i = from; i < to - 1; i++) {
            if (b[i] == x && b[i + 1] == y) {
                return i;
            }
        }
        return -1;
    }

    private static int plain(byte[] b, int from, int to, byte x, byte y) {
        for (int i = from; i < to; i++) {
            if (b[i] == x || b[i] == y) {
                return i;
            }
        }
        return -1;
    }
}

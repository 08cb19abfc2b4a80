package dev.kato.vault;

import dev.kato.event.Text;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The JSON strings {@link CompactLineScan} accepts, each found from its opening quote to the index
 * after its closing one (or -1, leaving the line to the Jackson skim): header strings of printable
 * ASCII without escapes, and texts checked eight bytes at a time while no byte needs a look.
 * Written for C1's code, which the daemon runs (see {@link #firstFlaggedByte}).
 */
final class CompactStrings {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long SPACES = ONES * 0x20;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long COLONS = ONES * ':';

    private CompactStrings() {}

    /**
     * A header string at {@code i} of printable ASCII, no escape and no {@code ::}: the index after
     * its closing quote, or -1.
     */
    static int plain(byte[] b, int i, int to) {
        if (i >= to || b[i] != '"') {
            return -1;
        }
        for (int k = i + 1; k < to; k++) {
            int c = b[k] & 0xFF;
            if (c == '"') {
                return k + 1;
            }
            if (c < 0x20 || c >= 0x80 || c == '\\' || (c == ':' && k + 1 < to && b[k + 1] == ':')) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * A string at {@code i} whose bytes are well-formed UTF-8 (no surrogate), no control character,
     * no {@code ::}, only two-character escapes other than {@code \\u}, and no backslash directly
     * before a {@code u}: the index after its closing quote, or -1. Eight bytes at a time while
     * none of them is a quote, a backslash, a colon, a control character or a non-ASCII byte.
     */
    static int text(byte[] b, int i, int to) {
        if (i >= to || b[i] != '"') {
            return -1;
        }
        int k = i + 1;
        while (true) {
            for (; k <= to - Long.BYTES; k += Long.BYTES) {
                long v = (long) LONGS.get(b, k);
                // per byte: below 0x20, a quote, a backslash, a colon, or 0x80 and above; the
                // lowest flag of each term is exact, so the lowest of all is the first such byte
                long flags =
                        ((v - SPACES) & ~v & HIGHS)
                                | zeroBytes(v ^ QUOTES)
                                | zeroBytes(v ^ BACKSLASHES)
                                | zeroBytes(v ^ COLONS)
                                | (v & HIGHS);
                if (flags != 0) {
                    k += firstFlaggedByte(flags);
                    break;
                }
            }
            if (k >= to) {
                return -1;
            }
            int c = b[k] & 0xFF;
            if (c == '"') {
                return k + 1;
            } else if (c == '\\') {
                // an escaped backslash before a 'u' still forms the byte pair that the Jackson
                // path reads whole (LineSkimmer.mustReadWhole): left to it, so both agree
                if (k + 1 >= to
                        || !simpleEscape(b[k + 1])
                        || (b[k + 1] == '\\' && k + 2 < to && b[k + 2] == 'u')) {
                    return -1;
                }
                k += 2;
            } else if (c == ':') {
                if (k + 1 < to && b[k + 1] == ':') {
                    return -1;
                }
                k++;
            } else if (c < 0x20) {
                return -1;
            } else if (c < 0x80) {
                k++;
            } else {
                int n = Text.wellFormedUtf8Length(b, k, to);
                if (n < 0) {
                    return -1;
                }
                k += n;
            }
        }
    }

    /**
     * The index (0–7) of the lowest byte whose high bit {@code flags} sets (only high bits set).
     * {@code Long.numberOfTrailingZeros} is a call in C1's code, which the daemon runs: here the
     * lowest flag, shifted to bit 0 of its byte, multiplies a constant whose byte {@code 7 - j}
     * holds {@code j}, so the product's top byte is the index.
     */
    static int firstFlaggedByte(long flags) {
        return (int) ((((flags & -flags) >>> 7) * 0x0001_0203_0405_0607L) >>> 56);
    }

    private static boolean simpleEscape(byte e) {
        return switch (e) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> true;
            default -> false;
        };
    }

    /** The high bit of each zero byte of {@code v} (and perhaps of bytes above the lowest one). */
    private static long zeroBytes(long v) {
        return (v - ONES) & ~v & HIGHS;
    }
}

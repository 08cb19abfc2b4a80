package dev.kato.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finding one or two byte values in UTF-8 JSON text eight bytes at a time: the line feeds that end
 * JSONL records, the backslashes that start escapes, the lead byte of a surrogate's three-byte
 * form. Every byte of a catch-up passes through such searches several times, and a byte-at-a-time
 * loop cost 5–10 % of a provider worker's and of the daemon's time.
 */
public final class JsonBytes {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;

    private JsonBytes() {}

    /** The index of the first {@code target} in {@code b[from, to)}, or -1 (also when empty). */
    public static int indexOf(byte[] b, int from, int to, byte target) {
        check(b, from, to);
        long pattern = ONES * (target & 0xFF);
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long found = zeroBytes((long) LONGS.get(b, i) ^ pattern);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == target) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first {@code x} or {@code y} in {@code b[from, to)}, or -1. */
    public static int indexOfEither(byte[] b, int from, int to, byte x, byte y) {
        check(b, from, to);
        long px = ONES * (x & 0xFF);
        long py = ONES * (y & 0xFF);
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long v = (long) LONGS.get(b, i);
            long found = zeroBytes(v ^ px) | zeroBytes(v ^ py);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == x || b[i] == y) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the first {@code x} directly followed by {@code y} in {@code b[from, to)} (both
     * bytes inside the range), or -1. Finds a {@code \\u} escape without stopping at every other
     * escape: text with many line breaks holds a backslash every few dozen bytes.
     */
    public static int indexOfPair(byte[] b, int from, int to, byte x, byte y) {
        check(b, from, to);
        long px = ONES * (x & 0xFF);
        long py = ONES * (y & 0xFF);
        int i = from;
        for (; i <= to - Long.BYTES - 1; i += Long.BYTES) {
            // candidates only (flags above a word's first zero byte can be false): checked below
            long found =
                    zeroBytes((long) LONGS.get(b, i) ^ px)
                            & zeroBytes((long) LONGS.get(b, i + 1) ^ py);
            if (found != 0) {
                for (int k = i; k < i + Long.BYTES; k++) {
                    if (b[k] == x && b[k + 1] == y) {
                        return k;
                    }
                }
            }
        }
        for (; i < to - 1; i++) {
            if (b[i] == x && b[i + 1] == y) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The high bit of each byte of {@code v} that is zero, and possibly of bytes above the lowest
     * zero one: the lowest bit set always marks the first zero byte, which is all the callers use.
     */
    private static long zeroBytes(long v) {
        return (v - ONES) & ~v & HIGHS;
    }

    private static void check(byte[] b, int from, int to) {
        if (from < 0 || to > b.length) {
            throw new IndexOutOfBoundsException("bad range");
        }
    }
}

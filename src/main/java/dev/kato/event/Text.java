package dev.kato.event;

import static java.util.Objects.requireNonNull;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A conversation text: characters, or the canonical JSON spelling of them as UTF-8, decoded only
 * when read. The canonical spelling is the one Kato's JSONL renderer writes between the quotes: the
 * characters as well-formed UTF-8, with {@code \"}, {@code \\}, {@code \b}, {@code \f}, {@code \n},
 * {@code \r} and {@code \t} as the only escapes. A provider log that spells a long text this way
 * (most do) then reaches the vault as the same bytes, without a decode and an encode in between.
 * Equality is by characters; {@link #toString()} shows no content.
 */
public final class Text {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long SPACES = ONES * 0x20;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';

    /** For each byte, the character it stands for after a backslash; 0 where it is no escape. */
    private static final char[] ESCAPED = new char[256];

    static {
        ESCAPED['"'] = '"';
        ESCAPED['\\'] = '\\';
        ESCAPED['b'] = '\b';
        ESCAPED['f'] = '\f';
        ESCAPED['n'] = '\n';
        ESCAPED['r'] = '\r';
        ESCAPED['t'] = '\t';
    }

    /** The canonical spelling, or null when only the characters are held. */
    private final byte @Nullable [] canonical;

    /** The characters; decoded from {@link #canonical} on first read (a benign race). */
    private @Nullable String chars;

    private Text(byte @Nullable [] canonical, @Nullable String chars) {
        this.canonical = canonical;
        this.chars = chars;
    }

    public static Text of(String chars) {
        return new Text(null, requireNonNull(chars, "chars"));
    }

    /**
     * The text of the JSON string whose content starts at {@code from} (just after its opening
     * quote) in {@code b}, held in its canonical spelling; or null when the content up to the
     * closing quote (before {@code to}) is not spelled canonically, is shorter than {@code
     * minBytes} or longer than {@code maxBytes}, or has no closing quote. The bytes are copied.
     */
    public static @Nullable Text ofCanonicalJson(
            byte[] b, int from, int to, int minBytes, int maxBytes) {
        if (from < 0 || to > b.length || from > to) {
            throw new IndexOutOfBoundsException("bad range");
        }
        int end = canonicalEnd(b, from, (int) Math.min(to, (long) from + maxBytes + 1));
        if (end < 0 || end - from < minBytes) {
            return null;
        }
        return new Text(java.util.Arrays.copyOfRange(b, from, end), null);
    }

    /** The characters (decoded once, if this text was held in its canonical spelling). */
    public String value() {
        String s = chars;
        if (s == null) {
            s = decode(requireNonNull(canonical));
            chars = s;
        }
        return s;
    }

    /** Whether this text is held in its canonical spelling (and so is well-formed UTF-8). */
    public boolean heldCanonically() {
        return canonical != null;
    }

    /**
     * About the size of this text: its characters, or the bytes of its canonical spelling (at least
     * as many), without decoding.
     */
    public int sizeHint() {
        String s = chars;
        return s != null ? s.length() : requireNonNull(canonical).length;
    }

    /** Where the canonical spelling goes: the bytes, without quotes, valid only during the call. */
    @FunctionalInterface
    public interface Utf8Sink {
        void write(byte[] bytes, int offset, int length);
    }

    /**
     * Hands the canonical spelling to {@code sink} when this text is held that way, and says
     * whether it was; otherwise the caller writes {@link #value()}.
     */
    public boolean writeCanonicalJsonTo(Utf8Sink sink) {
        byte[] c = canonical;
        if (c == null) {
            return false;
        }
        sink.write(c, 0, c.length);
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Text other && value().equals(other.value());
    }

    @Override
    public int hashCode() {
        return value().hashCode();
    }

    @Override
    public String toString() {
        return "Text[size=" + sizeHint() + "]";
    }

    /**
     * The index of the closing quote of canonically spelled content from {@code from}, or -1. Eight
     * bytes at a time while none is a quote, a backslash, a control character or non-ASCII.
     */
    static int canonicalEnd(byte[] b, int from, int to) {
        int k = from;
        while (true) {
            for (; k <= to - Long.BYTES; k += Long.BYTES) {
                long v = (long) LONGS.get(b, k);
                long flags =
                        ((v - SPACES) & ~v & HIGHS)
                                | zeroBytes(v ^ QUOTES)
                                | zeroBytes(v ^ BACKSLASHES)
                                | (v & HIGHS);
                if (flags != 0) {
                    k += Long.numberOfTrailingZeros(flags) >>> 3;
                    break;
                }
            }
            if (k >= to) {
                return -1;
            }
            int c = b[k] & 0xFF;
            if (c == '"') {
                return k;
            } else if (c == '\\') {
                if (k + 1 >= to || ESCAPED[b[k + 1] & 0xFF] == 0) {
                    return -1;
                }
                k += 2;
            } else if (c < 0x20) {
                return -1;
            } else if (c < 0x80) {
                k++;
            } else {
                int n = wellFormedUtf8Length(b, k, to);
                if (n < 0) {
                    return -1;
                }
                k += n;
            }
        }
    }

    /**
     * The length (2–4) of the well-formed UTF-8 sequence of the non-ASCII character at {@code k},
     * ending before {@code to}, or -1: overlong forms, surrogates and code points above U+10FFFF
     * are not well-formed.
     */
    public static int wellFormedUtf8Length(byte[] b, int k, int to) {
        int c = b[k] & 0xFF;
        if (c >= 0xC2 && c <= 0xDF) {
            return k + 1 < to && continuation(b[k + 1]) ? 2 : -1;
        }
        if (c >= 0xE0 && c <= 0xEF) {
            if (k + 2 >= to) {
                return -1;
            }
            int lo = c == 0xE0 ? 0xA0 : 0x80;
            int hi = c == 0xED ? 0x9F : 0xBF;
            int s = b[k + 1] & 0xFF;
            return s >= lo && s <= hi && continuation(b[k + 2]) ? 3 : -1;
        }
        if (c >= 0xF0 && c <= 0xF4) {
            if (k + 3 >= to) {
                return -1;
            }
            int lo = c == 0xF0 ? 0x90 : 0x80;
            int hi = c == 0xF4 ? 0x8F : 0xBF;
            int s = b[k + 1] & 0xFF;
            return s >= lo && s <= hi && continuation(b[k + 2]) && continuation(b[k + 3]) ? 4 : -1;
        }
        return -1;
    }

    private static boolean continuation(byte x) {
        return (x & 0xC0) == 0x80;
    }

    /**
     * The characters of a canonical spelling: its escapes undone in bytes (runs between them copied
     * whole), then one UTF-8 decode, which the JDK does many bytes at a time.
     */
    private static String decode(byte[] c) {
        int k = backslash(c, 0);
        if (k < 0) {
            return new String(c, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[c.length];
        int n = 0;
        int start = 0;
        while (k >= 0) {
            System.arraycopy(c, start, out, n, k - start);
            n += k - start;
            out[n++] = (byte) ESCAPED[c[k + 1] & 0xFF];
            start = k + 2;
            k = backslash(c, start);
        }
        System.arraycopy(c, start, out, n, c.length - start);
        n += c.length - start;
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** The index of the first backslash in {@code b} from {@code from}, or -1. */
    private static int backslash(byte[] b, int from) {
        int k = from;
        for (; k <= b.length - Long.BYTES; k += Long.BYTES) {
            long found = zeroBytes((long) LONGS.get(b, k) ^ BACKSLASHES);
            if (found != 0) {
                return k + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; k < b.length; k++) {
            if (b[k] == '\\') {
                return k;
            }
        }
        return -1;
    }

    /** The high bit of each zero byte of {@code v} (and perhaps of bytes above the lowest one). */
    private static long zeroBytes(long v) {
        return (v - ONES) & ~v & HIGHS;
    }
}

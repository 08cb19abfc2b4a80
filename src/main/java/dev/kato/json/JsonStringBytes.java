package dev.kato.json;

import java.nio.charset.StandardCharsets;

/**
 * A string as the escaped content of a JSON string, in UTF-8: exactly the bytes Kato's Jackson
 * generator writes between the quotes (a quote and a backslash escaped with a backslash; {@code \b
 * \t \n \f \r} in their short form; every other character below U+0020 as {@code &#92;u00XX} with
 * upper-case hex digits; everything else as its UTF-8 bytes), except that a lone UTF-16 surrogate
 * becomes {@code ?}, as the JDK's encoder makes it and as Kato stores it. It exists for speed: the
 * JDK's encoder and an eight-bytes-at-a-time search ({@link JsonBytes#indexOfEscape}) do in bulk
 * what the generator does one character at a time, which was a quarter of a provider worker's time
 * in a catch-up. The generator still writes the structure around it.
 */
public final class JsonStringBytes {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private JsonStringBytes() {}

    /**
     * The escaped UTF-8 content of {@code s}; may be the encoder's own array when nothing is
     * escaped.
     */
    public static byte[] of(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        int first = JsonBytes.indexOfEscape(raw, 0, raw.length);
        if (first < 0) {
            return raw;
        }
        int size = raw.length;
        for (int i = first; i >= 0; i = JsonBytes.indexOfEscape(raw, i + 1, raw.length)) {
            size += shortForm(raw[i]) != 0 ? 1 : 5;
        }
        byte[] out = new byte[size];
        int o = 0;
        int copied = 0;
        for (int i = first; i >= 0; i = JsonBytes.indexOfEscape(raw, i + 1, raw.length)) {
            System.arraycopy(raw, copied, out, o, i - copied);
            o += i - copied;
            copied = i + 1;
            byte c = raw[i];
            out[o++] = '\\';
            byte letter = shortForm(c);
            if (letter != 0) {
                out[o++] = letter;
            } else {
                out[o++] = 'u';
                out[o++] = '0';
                out[o++] = '0';
                out[o++] = HEX[c >> 4];
                out[o++] = HEX[c & 0xF];
            }
        }
        System.arraycopy(raw, copied, out, o, raw.length - copied);
        return out;
    }

    /** The letter after the backslash of {@code c}'s short escape, or 0 for {@code &#92;u00XX}. */
    private static byte shortForm(byte c) {
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
    }
}

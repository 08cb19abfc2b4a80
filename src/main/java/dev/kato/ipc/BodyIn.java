package dev.kato.ipc;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields {@link BodyOut} wrote, checking every length against what is left: a field that
 * runs past the body, a length that is negative, text that is not UTF-8 or bytes left over are a
 * {@link FrameException}.
 */
final class BodyIn {
    private final byte[] b;
    private int pos;

    BodyIn(byte[] body) {
        this.b = body;
    }

    int u8() throws FrameException {
        need(1);
        return b[pos++] & 0xFF;
    }

    boolean bool() throws FrameException {
        int v = u8();
        if (v > 1) {
            throw new FrameException("malformed flag");
        }
        return v == 1;
    }

    int i32() throws FrameException {
        need(4);
        int v =
                ((b[pos] & 0xFF) << 24)
                        | ((b[pos + 1] & 0xFF) << 16)
                        | ((b[pos + 2] & 0xFF) << 8)
                        | (b[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    long i64() throws FrameException {
        long high = i32() & 0xFFFFFFFFL;
        return (high << 32) | (i32() & 0xFFFFFFFFL);
    }

    /** A count of items that each take at least {@code minItemBytes} of what is left. */
    int count(int minItemBytes) throws FrameException {
        int n = i32();
        if (n < 0 || (long) n * Math.max(1, minItemBytes) > b.length - pos) {
            throw new FrameException("malformed count");
        }
        return n;
    }

    String text(int maxBytes) throws FrameException {
        int len = length(maxBytes);
        try {
            String s =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(b, pos, len))
                            .toString();
            pos += len;
            return s;
        } catch (CharacterCodingException e) {
            throw new FrameException("text is not UTF-8");
        }
    }

    /** The offset of a length-prefixed byte field in the body; the reader moves past it. */
    int blobAt(int maxBytes) throws FrameException {
        int len = length(maxBytes);
        int at = pos;
        pos += len;
        return at;
    }

    /** The length of the byte field that starts at {@code at} (written just before it). */
    int lengthAt(int at) {
        return ((b[at - 4] & 0xFF) << 24)
                | ((b[at - 3] & 0xFF) << 16)
                | ((b[at - 2] & 0xFF) << 8)
                | (b[at - 1] & 0xFF);
    }

    void end() throws FrameException {
        if (pos != b.length) {
            throw new FrameException("unexpected bytes after the last field");
        }
    }

    private int length(int max) throws FrameException {
        int len = i32();
        if (len < 0 || len > max) {
            throw new FrameException("malformed length");
        }
        need(len);
        return len;
    }

    private void need(int n) throws FrameException {
        if (n > b.length - pos) {
            throw new FrameException("the body ends inside a field");
        }
    }
}

package dev.kato.ipc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds a frame body from fields: big-endian integers, length-prefixed UTF-8 strings and byte
 * arrays. Its counterpart is {@link BodyIn}.
 */
final class BodyOut {
    private final ByteArrayOutputStream bytes;

    BodyOut(int expected) {
        bytes = new ByteArrayOutputStream(Math.max(16, expected));
    }

    BodyOut u8(int v) {
        bytes.write(v);
        return this;
    }

    BodyOut bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    BodyOut i32(int v) {
        bytes.write(v >>> 24);
        bytes.write(v >>> 16);
        bytes.write(v >>> 8);
        bytes.write(v);
        return this;
    }

    BodyOut i64(long v) {
        i32((int) (v >>> 32));
        return i32((int) v);
    }

    BodyOut text(String s) {
        return blob(s.getBytes(StandardCharsets.UTF_8));
    }

    BodyOut blob(byte[] b) {
        return blob(b, 0, b.length);
    }

    BodyOut blob(byte[] b, int off, int len) {
        i32(len);
        bytes.write(b, off, len);
        return this;
    }

    Frame frame(byte type) {
        return new Frame(type, bytes.toByteArray());
    }
}

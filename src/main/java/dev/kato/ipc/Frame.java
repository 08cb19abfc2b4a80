package dev.kato.ipc;

import static java.util.Objects.requireNonNull;

/**
 * One frame: a type byte and a body. The body may hold conversation text, so {@link #toString()}
 * shows only the type and the length.
 */
public record Frame(byte type, byte[] body) {
    public Frame {
        requireNonNull(body, "body");
    }

    @Override
    public String toString() {
        return "Frame[type=" + (type & 0xFF) + ", bytes=" + body.length + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.type == type && java.util.Arrays.equals(f.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * type + java.util.Arrays.hashCode(body);
    }
}

package dev.kato.ipc;

import java.nio.ByteBuffer;

/**
 * What the daemon asks its writer worker to do with the worker's one destination. No request names
 * a path: the destination is fixed when the worker starts. A write is a {@link Begin}, any number
 * of {@link Chunk}s and an {@link End}. A replace may name the head the file must still have when
 * the new content is complete (the daemon merged its frontmatter from that head); if the file
 * changed meanwhile, nothing is replaced.
 */
public sealed interface WriterRequest {
    /** Largest body of a request frame. */
    int MAX_BODY = 1 << 20;

    /** Largest head a request may ask for or name. */
    int MAX_HEAD = 512 * 1024;

    byte BEGIN = 1;
    byte CHUNK = 2;
    byte END = 3;
    byte HEAD = 4;
    byte ABORT = 5;
    byte TRUNCATE = 6;
    byte SIZE = 7;
    byte EXISTS = 8;

    /** What a {@link Begin} starts. */
    enum Kind {
        /** Append the chunks to the destination (created {@code 0600} if missing), fsync. */
        APPEND,
        /** Atomically replace the destination with the chunks. */
        REPLACE
    }

    /**
     * Starts a write.
     *
     * @param maxHead with {@code expectedHead}: how many bytes of the head are compared (else 0)
     * @param expectedHead for a replace: the file's first bytes (at most {@code maxHead}) it must
     *     still have when the content is complete; empty for no check
     */
    record Begin(Kind kind, int maxHead, java.util.Optional<byte[]> expectedHead)
            implements WriterRequest {
        public Begin {
            if (expectedHead.isEmpty() ? maxHead != 0 : maxHead < 0 || maxHead > MAX_HEAD) {
                throw new IllegalArgumentException("bad head size");
            }
            if (expectedHead.isPresent()
                    && (kind != Kind.REPLACE || expectedHead.get().length > maxHead)) {
                throw new IllegalArgumentException("a head check needs a replace within maxHead");
            }
        }

        public static Begin of(Kind kind) {
            return new Begin(kind, 0, java.util.Optional.empty());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Begin b
                    && b.kind == kind
                    && b.maxHead == maxHead
                    && b.expectedHead.isPresent() == expectedHead.isPresent()
                    && java.util.Arrays.equals(
                            b.expectedHead.orElse(null), expectedHead.orElse(null));
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + maxHead;
        }

        @Override
        public String toString() {
            return "Begin["
                    + kind
                    + ", maxHead="
                    + maxHead
                    + ", check="
                    + expectedHead.isPresent()
                    + "]";
        }
    }

    /** Asks for the destination's first bytes (at most {@code max}). */
    record Head(int max) implements WriterRequest {
        public Head {
            if (max < 0 || max > MAX_HEAD) {
                throw new IllegalArgumentException("bad head size");
            }
        }
    }

    record Chunk(byte[] bytes) implements WriterRequest {
        public Chunk {
            if (bytes.length > MAX_BODY) {
                throw new IllegalArgumentException("chunk over " + MAX_BODY + " bytes");
            }
        }

        @Override
        public String toString() {
            return "Chunk[bytes=" + bytes.length + "]";
        }
    }

    record End() implements WriterRequest {}

    /** The daemon could not produce the content: drop the write, keep the file as it was. */
    record Abort() implements WriterRequest {}

    /** Cut the destination back to {@code size} bytes if it is longer (crash recovery). */
    record Truncate(long size) implements WriterRequest {
        public Truncate {
            if (size < 0) {
                throw new IllegalArgumentException("negative size");
            }
        }
    }

    record Size() implements WriterRequest {}

    record Exists() implements WriterRequest {}

    default Frame encode() {
        return switch (this) {
            case Begin b -> {
                byte[] head = b.expectedHead().orElse(new byte[0]);
                yield new Frame(
                        BEGIN,
                        ByteBuffer.allocate(6 + head.length)
                                .put((byte) b.kind().ordinal())
                                .putInt(b.maxHead())
                                .put((byte) (b.expectedHead().isPresent() ? 1 : 0))
                                .put(head)
                                .array());
            }
            case Head(int max) -> new Frame(HEAD, ByteBuffer.allocate(4).putInt(max).array());
            case Chunk(byte[] bytes) -> new Frame(CHUNK, bytes);
            case End() -> new Frame(END, new byte[0]);
            case Abort() -> new Frame(ABORT, new byte[0]);
            case Truncate(long size) ->
                    new Frame(TRUNCATE, ByteBuffer.allocate(8).putLong(size).array());
            case Size() -> new Frame(SIZE, new byte[0]);
            case Exists() -> new Frame(EXISTS, new byte[0]);
        };
    }

    /** The request in {@code frame}; anything the protocol does not allow fails closed. */
    static WriterRequest decode(Frame frame) throws FrameException {
        byte[] b = frame.body();
        try {
            return switch (frame.type()) {
                case BEGIN -> {
                    if (b.length < 6 || b[5] < 0 || b[5] > 1 || (b[5] == 0 && b.length != 6)) {
                        throw new FrameException("malformed begin request");
                    }
                    int kind = b[0];
                    if (kind < 0 || kind >= Kind.values().length) {
                        throw new FrameException("unknown write kind " + kind);
                    }
                    java.util.Optional<byte[]> head =
                            b[5] == 0
                                    ? java.util.Optional.empty()
                                    : java.util.Optional.of(
                                            java.util.Arrays.copyOfRange(b, 6, b.length));
                    yield new Begin(Kind.values()[kind], ByteBuffer.wrap(b, 1, 4).getInt(), head);
                }
                case HEAD -> {
                    expectLength(b, 4);
                    yield new Head(ByteBuffer.wrap(b).getInt());
                }
                case CHUNK -> new Chunk(b);
                case END -> empty(b, new End());
                case ABORT -> empty(b, new Abort());
                case TRUNCATE -> {
                    expectLength(b, 8);
                    yield new Truncate(ByteBuffer.wrap(b).getLong());
                }
                case SIZE -> empty(b, new Size());
                case EXISTS -> empty(b, new Exists());
                default ->
                        throw new FrameException("unknown request type " + (frame.type() & 0xFF));
            };
        } catch (IllegalArgumentException e) {
            throw new FrameException("malformed request: " + e.getMessage());
        }
    }

    private static void expectLength(byte[] body, int length) throws FrameException {
        if (body.length != length) {
            throw new FrameException(
                    "request body of " + body.length + " bytes, expected " + length);
        }
    }

    private static WriterRequest empty(byte[] body, WriterRequest request) throws FrameException {
        expectLength(body, 0);
        return request;
    }
}

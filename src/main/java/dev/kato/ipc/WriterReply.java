package dev.kato.ipc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** What a writer worker answers. Failure codes and messages are short printable ASCII. */
public sealed interface WriterReply {
    /** Largest body of a reply frame: a head. */
    int MAX_BODY = WriterRequest.MAX_HEAD;

    int MAX_CODE = 64;
    int MAX_MESSAGE = 300;

    byte READY = 101;
    byte DONE = 102;
    byte HEAD = 103;
    byte FAILED = 104;

    /**
     * The worker is up, what confines it (as its kernel answered) and whether its start-up probes
     * were denied.
     *
     * @param probed whether the write probe (a file outside its envelope) ran at all
     * @param probeDenied whether that write was denied
     * @param undenied the names of the other start-up probes (exec, tcp, unix, chmod, env) the
     *     kernel did not deny, comma-separated; empty when it denied all of them
     */
    record Ready(
            boolean landlock, boolean seccomp, boolean probed, boolean probeDenied, String undenied)
            implements WriterReply {
        public Ready {
            if (!printable(undenied, MAX_MESSAGE)) {
                throw new IllegalArgumentException("probe names not short printable ASCII");
            }
        }

        public Ready(boolean landlock, boolean seccomp, boolean probed, boolean probeDenied) {
            this(landlock, seccomp, probed, probeDenied, "");
        }
    }

    /** An operation ended; {@code value} is its result (a size, or 1/0 for yes/no). */
    record Done(long value) implements WriterReply {}

    /** The destination's current first bytes (empty when it does not exist). */
    record Head(byte[] bytes) implements WriterReply {
        public Head {
            if (bytes.length > MAX_BODY) {
                throw new IllegalArgumentException("head over " + MAX_BODY + " bytes");
            }
        }

        @Override
        public String toString() {
            return "Head[bytes=" + bytes.length + "]";
        }
    }

    /** The operation failed; nothing of it was applied (an append may be cut, see the daemon). */
    record Failed(String code, String message) implements WriterReply {
        public Failed {
            if (!printable(code, MAX_CODE) || code.isEmpty() || !printable(message, MAX_MESSAGE)) {
                throw new IllegalArgumentException(
                        "failure code or message not short printable ASCII");
            }
        }
    }

    /** {@code text} cut to {@code max} characters, everything but printable ASCII replaced. */
    static String sanitize(String text, int max) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && sb.length() < max; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }

    private static boolean printable(String s, int max) {
        return s.length() <= max && s.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    default Frame encode() {
        return switch (this) {
            case Ready r -> {
                byte[] names = r.undenied().getBytes(StandardCharsets.US_ASCII);
                byte[] body = new byte[1 + names.length];
                body[0] =
                        (byte)
                                ((r.landlock() ? 1 : 0)
                                        | (r.seccomp() ? 2 : 0)
                                        | (r.probed() ? 4 : 0)
                                        | (r.probeDenied() ? 8 : 0));
                System.arraycopy(names, 0, body, 1, names.length);
                yield new Frame(READY, body);
            }
            case Done(long value) -> new Frame(DONE, ByteBuffer.allocate(8).putLong(value).array());
            case Head(byte[] bytes) -> new Frame(HEAD, bytes);
            case Failed(String code, String message) ->
                    new Frame(FAILED, (code + "\n" + message).getBytes(StandardCharsets.US_ASCII));
        };
    }

    static WriterReply decode(Frame frame) throws FrameException {
        byte[] b = frame.body();
        try {
            return switch (frame.type()) {
                case READY -> {
                    if (b.length < 1 || (b[0] & ~0x0F) != 0) {
                        throw new FrameException("malformed ready reply");
                    }
                    for (int i = 1; i < b.length; i++) {
                        if (b[i] < 0) {
                            throw new FrameException("malformed ready reply");
                        }
                    }
                    yield new Ready(
                            (b[0] & 1) != 0,
                            (b[0] & 2) != 0,
                            (b[0] & 4) != 0,
                            (b[0] & 8) != 0,
                            new String(b, 1, b.length - 1, StandardCharsets.US_ASCII));
                }
                case DONE -> {
                    if (b.length != 8) {
                        throw new FrameException("malformed done reply");
                    }
                    yield new Done(ByteBuffer.wrap(b).getLong());
                }
                case HEAD -> new Head(b);
                case FAILED -> {
                    String text = new String(b, StandardCharsets.US_ASCII);
                    int nl = text.indexOf('\n');
                    for (byte x : b) {
                        if (x < 0) {
                            throw new FrameException("malformed failure reply");
                        }
                    }
                    if (nl < 0) {
                        throw new FrameException("malformed failure reply");
                    }
                    yield new Failed(text.substring(0, nl), text.substring(nl + 1));
                }
                default -> throw new FrameException("unknown reply type " + (frame.type() & 0xFF));
            };
        } catch (IllegalArgumentException e) {
            throw new FrameException("malformed reply: " + e.getMessage());
        }
    }
}

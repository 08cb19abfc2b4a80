package dev.kato.ipc;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The framing of every worker pipe. A frame is a 7-byte header, the magic byte {@code 'w'}, the
 * protocol version ({@value #VERSION}), the type byte and the big-endian 32-bit body length,
 * followed by the body. A reader gives its own size limit; a frame over it, a wrong magic or
 * version, or a stream that ends inside a frame is a {@link FrameException}, and nothing of the
 * frame is used. A stream that ends exactly between frames is a clean end.
 */
public final class WireFrames {
    public static final byte MAGIC = 'w';
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 7;

    /**
     * A body up to this size is read straight into an array of its announced length; a larger one
     * grows as its bytes arrive, so a peer cannot make the reader allocate a large array by
     * announcing a body it never sends.
     */
    static final int DIRECT_READ_BYTES = 4 << 20;

    private WireFrames() {}

    /** Writes one frame and flushes. */
    public static void write(OutputStream out, Frame frame) throws IOException {
        byte[] body = frame.body();
        byte[] header = {
            MAGIC,
            (byte) VERSION,
            frame.type(),
            (byte) (body.length >>> 24),
            (byte) (body.length >>> 16),
            (byte) (body.length >>> 8),
            (byte) body.length
        };
        out.write(header);
        out.write(body);
        out.flush();
    }

    /**
     * Reads one frame whose body is at most {@code maxBody} bytes; empty at a clean end of the
     * stream (before the first header byte).
     */
    public static Optional<Frame> read(InputStream in, int maxBody) throws IOException {
        int first = in.read();
        if (first == -1) {
            return Optional.empty();
        }
        byte[] rest = readFully(in, HEADER_BYTES - 1);
        if ((byte) first != MAGIC) {
            throw new FrameException("not a frame (bad magic byte)");
        }
        if (rest[0] != VERSION) {
            throw new FrameException("unsupported frame version " + (rest[0] & 0xFF));
        }
        long length =
                ((rest[2] & 0xFFL) << 24)
                        | ((rest[3] & 0xFFL) << 16)
                        | ((rest[4] & 0xFFL) << 8)
                        | (rest[5] & 0xFFL);
        if (length > maxBody) {
            throw new FrameException(
                    "frame of " + length + " bytes exceeds the limit of " + maxBody);
        }
        return Optional.of(new Frame(rest[1], readFully(in, (int) length)));
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b;
        int read;
        try {
            if (n <= DIRECT_READ_BYTES) {
                // one array of the final size: readNBytes(n) would read into 16 KiB chunks and
                // copy them together, three times the body in garbage for a 1 MiB batch
                b = new byte[n];
                read = in.readNBytes(b, 0, n);
            } else {
                b = in.readNBytes(n);
                read = b.length;
            }
        } catch (EOFException e) {
            throw new FrameException("the stream ended inside a frame");
        }
        if (read != n) {
            throw new FrameException("the stream ended inside a frame");
        }
        return b;
    }
}

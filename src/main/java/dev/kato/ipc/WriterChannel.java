package dev.kato.ipc;

import static java.util.Objects.requireNonNull;

import dev.kato.fs.AtomicFiles;
import dev.kato.writer.DestinationWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The daemon's end of one writer worker's pipes: each method is one operation on the worker's
 * destination, sent as frames and answered by one reply. Content is streamed in chunks of at most
 * {@link WriterRequest#MAX_BODY} bytes, so neither side holds a whole snapshot. A reply the
 * protocol does not allow is a {@link FrameException}: the caller must stop using the worker. A
 * reported failure is a {@link WriterFailedException}. Not thread-safe.
 */
public final class WriterChannel {
    private static final int CHUNK = 256 * 1024;
    private static final int ATTEMPTS = 3;

    private final InputStream fromWorker;
    private final OutputStream toWorker;

    public WriterChannel(InputStream fromWorker, OutputStream toWorker) {
        this.fromWorker = requireNonNull(fromWorker, "fromWorker");
        this.toWorker = requireNonNull(toWorker, "toWorker");
    }

    /**
     * The worker's first frame, which must be {@link WriterReply.Ready}.
     *
     * @throws WriterFailedException when the worker refused to serve ({@code refused}: the policy
     *     denied its destination; {@code unconfined}: a confinement layer was missing)
     */
    public WriterReply.Ready awaitReady() throws IOException {
        return switch (reply()) {
            case WriterReply.Ready ready -> ready;
            case WriterReply.Failed(String code, String message) ->
                    throw new WriterFailedException(code, message);
            default -> throw new FrameException("the writer's first reply was not ready");
        };
    }

    /** Appends what {@code content} writes; returns the size before the append. */
    public long append(AtomicFiles.ContentWriter content) throws IOException {
        return write(WriterRequest.Begin.of(WriterRequest.Kind.APPEND), content);
    }

    /** Atomically replaces the destination; returns its new size. */
    public long replace(AtomicFiles.ContentWriter content) throws IOException {
        return write(WriterRequest.Begin.of(WriterRequest.Kind.REPLACE), content);
    }

    /** The destination's first bytes, at most {@code max}; empty when it does not exist. */
    public byte[] head(int max) throws IOException {
        send(new WriterRequest.Head(max));
        return switch (reply()) {
            case WriterReply.Head(byte[] bytes) when bytes.length <= max -> bytes;
            case WriterReply.Failed(String code, String message) ->
                    throw new WriterFailedException(code, message);
            default -> throw new FrameException("unexpected reply to a head request");
        };
    }

    /**
     * Atomically replaces the destination with a header followed by {@code body}, as {@link
     * DestinationWriter#replaceComposed} does in-process: {@code body} runs once to learn what the
     * header needs, {@code header} is made from the destination's current head (at most {@code
     * maxHead} bytes), then header and body are streamed. If the head changed before the
     * replacement was complete, nothing is replaced and it starts over (at most {@value #ATTEMPTS}
     * times). {@code body} must write the same bytes each time it runs.
     */
    public long replaceComposed(
            AtomicFiles.ContentWriter body, DestinationWriter.HeaderWriter header, int maxHead)
            throws IOException {
        for (int attempt = 1; ; attempt++) {
            body.writeTo(OutputStream.nullOutputStream());
            byte[] head = head(maxHead);
            java.io.ByteArrayOutputStream headerBytes = new java.io.ByteArrayOutputStream();
            header.writeTo(headerBytes, head);
            try {
                return write(
                        new WriterRequest.Begin(
                                WriterRequest.Kind.REPLACE, maxHead, java.util.Optional.of(head)),
                        out -> {
                            headerBytes.writeTo(out);
                            body.writeTo(out);
                        });
            } catch (WriterFailedException e) {
                if (!e.code().equals("changed") || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    public boolean truncateTo(long size) throws IOException {
        send(new WriterRequest.Truncate(size));
        return done(reply()) != 0;
    }

    /** The destination's size, 0 when it does not exist. */
    public long size() throws IOException {
        send(new WriterRequest.Size());
        return done(reply());
    }

    public boolean exists() throws IOException {
        send(new WriterRequest.Exists());
        return done(reply()) != 0;
    }

    private long write(WriterRequest.Begin begin, AtomicFiles.ContentWriter content)
            throws IOException {
        send(begin);
        sendContent(content);
        send(new WriterRequest.End());
        return done(reply());
    }

    /**
     * Sends what {@code content} writes as chunks; on its failure aborts the write and rethrows.
     */
    private void sendContent(AtomicFiles.ContentWriter content) throws IOException {
        ChunkSender out = new ChunkSender();
        try {
            content.writeTo(out);
            out.flush();
        } catch (IOException | RuntimeException e) {
            if (!out.sendFailed) {
                abort();
            }
            throw e;
        }
    }

    private void abort() throws IOException {
        send(new WriterRequest.Abort());
        WriterReply r = reply();
        if (!(r instanceof WriterReply.Failed)) {
            throw new FrameException("the writer did not confirm the abort");
        }
    }

    private long done(WriterReply reply) throws IOException {
        return switch (reply) {
            case WriterReply.Done(long value) -> value;
            case WriterReply.Failed(String code, String message) ->
                    throw new WriterFailedException(code, message);
            default -> throw new FrameException("unexpected reply from the writer");
        };
    }

    private void send(WriterRequest request) throws IOException {
        WireFrames.write(toWorker, request.encode());
    }

    private WriterReply reply() throws IOException {
        Frame frame =
                WireFrames.read(fromWorker, WriterReply.MAX_BODY)
                        .orElseThrow(() -> new FrameException("the writer closed its output"));
        return WriterReply.decode(frame);
    }

    /** Buffers content and sends it as chunk frames. */
    private final class ChunkSender extends OutputStream {
        private final byte[] buf = new byte[CHUNK];
        private int n;
        boolean sendFailed;

        @Override
        public void write(int b) throws IOException {
            if (n == buf.length) {
                flush();
            }
            buf[n++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (n == buf.length) {
                    flush();
                }
                int k = Math.min(len, buf.length - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                len -= k;
            }
        }

        @Override
        public void flush() throws IOException {
            if (n == 0) {
                return;
            }
            byte[] chunk = java.util.Arrays.copyOf(buf, n);
            n = 0;
            try {
                send(new WriterRequest.Chunk(chunk));
            } catch (IOException e) {
                sendFailed = true;
                throw e;
            }
        }
    }
}

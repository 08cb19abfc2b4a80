package dev.kato.fs;

import static dev.kato.fs.LinuxSyscalls.EINTR;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An open file descriptor obtained beneath a {@link BeneathDirectory}. Reads and writes go to the
 * descriptor, never to a path, so they reach the file that was checked. Not thread-safe: one
 * operation uses it on one thread at a time.
 */
public final class OpenFile implements AutoCloseable {
    private static final int CHUNK = 1 << 16;
    private static final int SEEK_SET = 0;

    private final int fd;
    private final String display;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(CHUNK);
    private boolean closed;

    OpenFile(int fd, String display) {
        this.fd = fd;
        this.display = display;
    }

    /** {@code fstat(2)} of this descriptor. */
    public FileStatus status() throws IOException {
        return status(fd, display);
    }

    /**
     * A buffered stream writing at the descriptor's offset (at the end for an append handle).
     * Closing the stream flushes it; the descriptor stays open until {@link #close()}.
     */
    public OutputStream output() {
        return new BufferedOutputStream(new Output(), CHUNK);
    }

    /** A stream reading from the descriptor's offset; closing it leaves the descriptor open. */
    public InputStream input() {
        return new Input();
    }

    /** {@code fsync(2)}: the file's data and metadata reach the disk. */
    public void sync() throws IOException {
        check(retrying(LinuxSyscalls.FSYNC, fd));
    }

    /** {@code ftruncate(2)} to {@code size} bytes. */
    public void truncate(long size) throws IOException {
        check(retrying(LinuxSyscalls.FTRUNCATE, fd, size));
    }

    /** Moves the offset back to the start, to read what was written. */
    public void rewind() throws IOException {
        check(retrying(LinuxSyscalls.LSEEK, fd, 0, SEEK_SET));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LinuxSyscalls.close(fd);
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "OpenFile[fd " + fd + "]";
    }

    static FileStatus status(int fd, String display) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = a.allocate(LinuxSyscalls.STAT_SIZE, 8);
            long r;
            do {
                r = LinuxSyscalls.call(a, LinuxSyscalls.FSTAT, fd, st.address());
            } while (r == -EINTR);
            if (r < 0) {
                throw LinuxSyscalls.failure(display, r);
            }
            return new FileStatus(
                    st.get(ValueLayout.JAVA_INT, LinuxSyscalls.STAT_MODE_OFFSET),
                    Integer.toUnsignedLong(
                            st.get(ValueLayout.JAVA_INT, LinuxSyscalls.STAT_UID_OFFSET)),
                    st.get(ValueLayout.JAVA_LONG, LinuxSyscalls.STAT_NLINK_OFFSET),
                    st.get(ValueLayout.JAVA_LONG, LinuxSyscalls.STAT_SIZE_OFFSET));
        }
    }

    private long retrying(long number, long... args) {
        try (Arena a = Arena.ofConfined()) {
            long r;
            do {
                r = LinuxSyscalls.call(a, number, args);
            } while (r == -EINTR);
            return r;
        }
    }

    private void check(long result) throws IOException {
        if (result < 0) {
            throw LinuxSyscalls.failure(display, result);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(display + ": file already closed");
        }
    }

    /** Writes all of {@code len} bytes, looping over short writes and {@code EINTR}. */
    private void writeFully(byte[] bytes, int off, int len) throws IOException {
        ensureOpen();
        int done = 0;
        while (done < len) {
            int chunk = Math.min(CHUNK, len - done);
            MemorySegment.copy(bytes, off + done, buffer, ValueLayout.JAVA_BYTE, 0, chunk);
            int written = 0;
            while (written < chunk) {
                long r =
                        retrying(
                                LinuxSyscalls.WRITE,
                                fd,
                                buffer.address() + written,
                                chunk - written);
                check(r);
                if (r == 0) {
                    throw new IOException(display + ": write made no progress");
                }
                written += (int) r;
            }
            done += chunk;
        }
    }

    /** Reads at most {@code len} bytes; -1 at the end of the file. */
    private int readSome(byte[] bytes, int off, int len) throws IOException {
        ensureOpen();
        if (len == 0) {
            return 0;
        }
        long r = retrying(LinuxSyscalls.READ, fd, buffer.address(), Math.min(CHUNK, len));
        check(r);
        if (r == 0) {
            return -1;
        }
        MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, bytes, off, (int) r);
        return (int) r;
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            writeFully(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            writeFully(b, off, len);
        }
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = readSome(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            return readSome(b, off, len);
        }
    }
}

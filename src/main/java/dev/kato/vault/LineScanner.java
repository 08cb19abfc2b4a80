package dev.kato.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Streams the {@code \n}-terminated lines of a byte range of a file, holding at most one line (up
 * to {@code maxLineBytes}) and a fixed read buffer in memory. A longer line is skipped and reported
 * as too long; a last line without {@code \n} is reported as incomplete. The returned {@link Line}
 * is reused by the next call.
 */
final class LineScanner {
    private static final int READ_BUFFER = 64 * 1024;

    private final FileChannel channel;
    private final long end;
    private final int maxLineBytes;
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
    private long filePos;
    private long lineStart;
    private byte[] line;
    private final Line current = new Line();

    LineScanner(FileChannel channel, long start, long end, int maxLineBytes) {
        this.channel = channel;
        this.filePos = start;
        this.lineStart = start;
        this.end = end;
        this.maxLineBytes = maxLineBytes;
        this.line = new byte[Math.min(1024, maxLineBytes)];
        buffer.flip();
    }

    /** The next line, or null at the end of the range. */
    @Nullable Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        long start = lineStart;
        while (true) {
            if (!buffer.hasRemaining() && !fill()) {
                if (length == 0 && !tooLong) {
                    return null;
                }
                lineStart = filePos;
                return current.set(start, line, length, false, tooLong);
            }
            byte b = buffer.get();
            lineStart++;
            if (b == '\n') {
                return current.set(start, line, length, true, tooLong);
            }
            if (tooLong) {
                continue;
            }
            if (length == maxLineBytes) {
                tooLong = true;
                length = 0;
                continue;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, (int) Math.min((long) line.length * 2, maxLineBytes));
            }
            line[length++] = b;
        }
    }

    /** The file offset just after the last line returned (where the next line starts). */
    long position() {
        return lineStart;
    }

    private boolean fill() throws IOException {
        if (filePos >= end) {
            return false;
        }
        buffer.clear();
        buffer.limit((int) Math.min(READ_BUFFER, end - filePos));
        int n = channel.read(buffer, filePos);
        buffer.flip();
        if (n <= 0) {
            return false;
        }
        filePos += n;
        return true;
    }

    /** One line: its file offset and bytes (without the {@code \n}). */
    static final class Line {
        private long offset;
        private byte[] bytes = new byte[0];
        private int length;
        private boolean complete;
        private boolean tooLong;

        private Line set(long offset, byte[] bytes, int length, boolean complete, boolean tooLong) {
            this.offset = offset;
            this.bytes = bytes;
            this.length = length;
            this.complete = complete;
            this.tooLong = tooLong;
            return this;
        }

        long offset() {
            return offset;
        }

        byte[] bytes() {
            return bytes;
        }

        int length() {
            return length;
        }

        /** True when the line ended with {@code \n}. */
        boolean complete() {
            return complete;
        }

        boolean tooLong() {
            return tooLong;
        }

        @Override
        public String toString() {
            return "Line[offset=" + offset + ", length=" + length + "]";
        }
    }
}

package dev.kato.vault;

import dev.kato.fs.AtomicFiles;
import dev.kato.fs.PrivateFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * A session's on-disk event-id index: an open-addressing hash table in a file ({@code ids.idx}), so
 * exactly-once appends need no per-event memory. Each 16-byte slot holds a 64-bit fingerprint
 * (SHA-256 prefix, never 0) and the offset of the event's line in {@code events.jsonl}. A
 * fingerprint match is confirmed by reading that line's {@code eventId}, so the answer is exact and
 * stale slots (after a crash) are harmless. The table doubles at load factor ½.
 *
 * <p>The index is derived data: the header's {@code coveredBytes} says which prefix of {@code
 * events.jsonl} it fully covers. It is written after {@code events.jsonl} is synced and its slots
 * are synced before the header; on open, a missing, invalid or too-far index is rebuilt and a
 * lagging one is caught up by scanning the events file.
 *
 * <p>The slots are memory-mapped while the index is open (a probe is a memory read, not a system
 * call) and unmapped on close. Table files are written out in full, never sparse, so a store
 * through the mapping never needs new disk blocks.
 */
final class IdIndex implements Closeable {
    static final String FILE_NAME = "ids.idx";

    private static final long MAGIC = 0x4b41544f49445831L; // "KATOIDX1"
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 64;
    private static final int SLOT_BYTES = 16;
    private static final long INITIAL_SLOTS = 1024;
    private static final int COPY_SLOTS = 4096;

    /** Never written to: each use takes its own {@code duplicate()} (position and limit). */
    private static final ByteBuffer ZEROS =
            ByteBuffer.allocate(COPY_SLOTS * SLOT_BYTES).asReadOnlyBuffer();

    private static final Set<OpenOption> OPEN =
            Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> CREATE =
            Set.of(
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW,
                    LinkOption.NOFOLLOW_LINKS);

    private final Path file;
    private final FileChannel events;
    private final MessageDigest sha256;
    private FileChannel channel;
    private Slots slots;
    private long slotCount;
    private long entries;
    private long coveredBytes;

    private IdIndex(
            Path file,
            FileChannel events,
            FileChannel channel,
            long slotCount,
            long entries,
            long covered)
            throws IOException {
        this.file = file;
        this.events = events;
        this.channel = channel;
        this.slots = Slots.map(channel, slotCount);
        this.slotCount = slotCount;
        this.entries = entries;
        this.coveredBytes = covered;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required", e);
        }
    }

    /**
     * Opens the index of {@code events} so that it covers exactly {@code [0, committedBytes)},
     * catching up or rebuilding as needed.
     */
    static IdIndex open(Path file, FileChannel events, long committedBytes) throws IOException {
        IdIndex index = tryOpenExisting(file, events, committedBytes);
        if (index == null) {
            index = create(file, events, INITIAL_SLOTS);
        }
        index.catchUp(committedBytes);
        return index;
    }

    /** Opens a fresh, empty index, replacing whatever is there. */
    static IdIndex createEmpty(Path file, FileChannel events) throws IOException {
        return create(file, events, INITIAL_SLOTS);
    }

    private static @org.jspecify.annotations.Nullable IdIndex tryOpenExisting(
            Path file, FileChannel events, long committedBytes) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, OPEN);
        } catch (NoSuchFileException e) {
            return null;
        }
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        while (h.hasRemaining() && ch.read(h, h.position()) > 0) {}
        h.flip();
        boolean valid =
                h.remaining() == HEADER_BYTES
                        && h.getLong(0) == MAGIC
                        && h.getInt(8) == VERSION
                        && Long.bitCount(h.getLong(16)) == 1
                        && h.getLong(16) >= INITIAL_SLOTS
                        && h.getLong(16) <= (1L << 40)
                        && ch.size() == HEADER_BYTES + h.getLong(16) * SLOT_BYTES
                        && h.getLong(24) >= 0
                        && h.getLong(24) * 2 <= h.getLong(16)
                        && h.getLong(32) >= 0
                        && h.getLong(32) <= committedBytes;
        if (!valid) {
            ch.close();
            return null;
        }
        try {
            return new IdIndex(file, events, ch, h.getLong(16), h.getLong(24), h.getLong(32));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static IdIndex create(Path file, FileChannel events, long slots) throws IOException {
        Path temp = writeEmptyTable(file, slots, 0, 0);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(file.toAbsolutePath().getParent());
        FileChannel ch = FileChannel.open(file, OPEN);
        try {
            return new IdIndex(file, events, ch, slots, 0, 0);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static Path writeEmptyTable(Path file, long slots, long entries, long covered)
            throws IOException {
        Path temp = file.resolveSibling(AtomicFiles.tempName(file));
        try (FileChannel ch = FileChannel.open(temp, CREATE, PrivateFiles.fileAttribute())) {
            ch.write(header(slots, entries, covered), 0);
            // Zeros written out, not a sparse file: the file system reserves the blocks now, so a
            // store through the mapping never meets a full disk (a fault, not an IOException).
            ByteBuffer zeros = ZEROS.duplicate();
            long end = HEADER_BYTES + slots * SLOT_BYTES;
            for (long pos = HEADER_BYTES; pos < end; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), end - pos));
                pos += ch.write(zeros, pos);
            }
        }
        return temp;
    }

    /**
     * True when an event with this id is in {@code events.jsonl} before {@code limit}; {@code fp}
     * is its {@link #fingerprint}, computed once for the probe and the {@link #add} that may
     * follow.
     */
    boolean contains(String eventId, long fp, long limit) throws IOException {
        long mask = slotCount - 1;
        for (long i = fp & mask, probes = 0; probes < slotCount; i = (i + 1) & mask, probes++) {
            long slotFp = slots.fingerprint(i);
            if (slotFp == 0) {
                return false;
            }
            if (slotFp == fp && eventId.equals(lineIdOrNull(slots.offset(i), limit))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records that the line at {@code offset} holds the event whose {@link #fingerprint} is {@code
     * fp} (which must be absent).
     */
    void add(long fp, long offset) throws IOException {
        if ((entries + 1) * 2 > slotCount) {
            grow();
        }
        slots.insert(fp, offset);
        entries++;
    }

    /** Syncs the slots, then records that the index covers {@code [0, covered)}. */
    void commit(long covered) throws IOException {
        slots.force();
        coveredBytes = covered;
        channel.write(header(slotCount, entries, covered), 0);
    }

    long coveredBytes() {
        return coveredBytes;
    }

    private void catchUp(long committedBytes) throws IOException {
        if (coveredBytes == committedBytes) {
            return;
        }
        LineScanner lines =
                new LineScanner(
                        events, coveredBytes, committedBytes, JsonlEventReader.MAX_LINE_BYTES);
        for (LineScanner.Line line = lines.next(); line != null; line = lines.next()) {
            if (!line.complete() || line.tooLong()) {
                continue;
            }
            String id = EventIdPeek.eventIdOrNull(line.bytes(), 0, line.length());
            if (id != null) {
                long fp = fingerprint(id);
                if (!contains(id, fp, committedBytes)) {
                    add(fp, line.offset());
                }
            }
        }
        commit(committedBytes);
    }

    private @org.jspecify.annotations.Nullable String lineIdOrNull(long offset, long limit)
            throws IOException {
        if (offset > 0) {
            ByteBuffer before = ByteBuffer.allocate(1);
            if (offset > limit || events.read(before, offset - 1) != 1 || before.get(0) != '\n') {
                return null;
            }
        }
        return EventIdPeek.eventIdAtOrNull(events, offset, limit);
    }

    private void grow() throws IOException {
        long newCount = slotCount * 2;
        Path temp = writeEmptyTable(file, newCount, entries, coveredBytes);
        try (FileChannel target = FileChannel.open(temp, OPEN)) {
            Slots grown = Slots.map(target, newCount);
            try {
                for (long i = 0; i < slotCount; i++) {
                    long fp = slots.fingerprint(i);
                    if (fp != 0) {
                        grown.insert(fp, slots.offset(i));
                    }
                }
                grown.force();
            } finally {
                grown.close();
            }
            target.force(true);
        }
        slots.close();
        channel.close();
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(file.toAbsolutePath().getParent());
        channel = FileChannel.open(file, OPEN);
        slots = Slots.map(channel, newCount);
        slotCount = newCount;
    }

    /** The slot table of an index file, mapped into memory until {@link #close()}. */
    private static final class Slots {
        private static final java.lang.foreign.ValueLayout.OfLong LONG =
                java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED.withOrder(
                        java.nio.ByteOrder.BIG_ENDIAN);

        private final java.lang.foreign.Arena arena;
        private final java.lang.foreign.MemorySegment table;
        private final long count;

        private Slots(
                java.lang.foreign.Arena arena, java.lang.foreign.MemorySegment table, long count) {
            this.arena = arena;
            this.table = table;
            this.count = count;
        }

        static Slots map(FileChannel ch, long count) throws IOException {
            java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofShared();
            try {
                return new Slots(
                        arena,
                        ch.map(
                                FileChannel.MapMode.READ_WRITE,
                                HEADER_BYTES,
                                count * SLOT_BYTES,
                                arena),
                        count);
            } catch (IOException | RuntimeException e) {
                arena.close();
                throw e;
            }
        }

        long fingerprint(long i) {
            return table.get(LONG, i * SLOT_BYTES);
        }

        long offset(long i) {
            return table.get(LONG, i * SLOT_BYTES + 8);
        }

        void insert(long fp, long offset) {
            long mask = count - 1;
            for (long i = fp & mask, probes = 0; probes < count; i = (i + 1) & mask, probes++) {
                if (fingerprint(i) == 0) {
                    table.set(LONG, i * SLOT_BYTES + 8, offset);
                    table.set(LONG, i * SLOT_BYTES, fp);
                    return;
                }
            }
            throw new IllegalStateException("id index is full");
        }

        void force() {
            table.force();
        }

        void close() {
            arena.close();
        }
    }

    /** The index's key for {@code eventId}: a 64-bit prefix of its SHA-256, never 0. */
    long fingerprint(String eventId) {
        byte[] digest = sha256.digest(eventId.getBytes(StandardCharsets.UTF_8));
        long fp = ByteBuffer.wrap(digest).getLong();
        return fp == 0 ? 1 : fp;
    }

    private static ByteBuffer header(long slots, long entries, long covered) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        h.putLong(0, MAGIC).putInt(8, VERSION).putLong(16, slots).putLong(24, entries);
        h.putLong(32, covered);
        return h;
    }

    @Override
    public void close() throws IOException {
        try {
            slots.close();
        } finally {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "IdIndex[slots=" + slotCount + ", entries=" + entries + "]";
    }
}

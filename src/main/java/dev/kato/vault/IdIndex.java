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
 */
final class IdIndex implements Closeable {
    static final String FILE_NAME = "ids.idx";

    private static final long MAGIC = 0x4b41544f49445831L; // "KATOIDX1"
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 64;
    private static final int SLOT_BYTES = 16;
    private static final long INITIAL_SLOTS = 1024;
    private static final int COPY_SLOTS = 4096;
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
    private final ByteBuffer slot = ByteBuffer.allocate(SLOT_BYTES);
    private FileChannel channel;
    private long slotCount;
    private long entries;
    private long coveredBytes;

    private IdIndex(
            Path file,
            FileChannel events,
            FileChannel channel,
            long slotCount,
            long entries,
            long covered) {
        this.file = file;
        this.events = events;
        this.channel = channel;
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
        return new IdIndex(file, events, ch, h.getLong(16), h.getLong(24), h.getLong(32));
    }

    private static IdIndex create(Path file, FileChannel events, long slots) throws IOException {
        Path temp = writeEmptyTable(file, slots, 0, 0);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(file.toAbsolutePath().getParent());
        return new IdIndex(file, events, FileChannel.open(file, OPEN), slots, 0, 0);
    }

    private static Path writeEmptyTable(Path file, long slots, long entries, long covered)
            throws IOException {
        Path temp = file.resolveSibling(AtomicFiles.tempName(file));
        try (FileChannel ch = FileChannel.open(temp, CREATE, PrivateFiles.fileAttribute())) {
            ch.write(header(slots, entries, covered), 0);
            ch.write(ByteBuffer.allocate(1), HEADER_BYTES + slots * SLOT_BYTES - 1);
        }
        return temp;
    }

    /** True when an event with this id is in {@code events.jsonl} before {@code limit}. */
    boolean contains(String eventId, long limit) throws IOException {
        long fp = fingerprint(eventId);
        long mask = slotCount - 1;
        for (long i = fp & mask, probes = 0; probes < slotCount; i = (i + 1) & mask, probes++) {
            readSlot(channel, i);
            long slotFp = slot.getLong(0);
            if (slotFp == 0) {
                return false;
            }
            if (slotFp == fp && eventId.equals(lineIdOrNull(slot.getLong(8), limit))) {
                return true;
            }
        }
        return false;
    }

    /** Records that the line at {@code offset} holds {@code eventId} (which must be absent). */
    void add(String eventId, long offset) throws IOException {
        if ((entries + 1) * 2 > slotCount) {
            grow();
        }
        insert(channel, slotCount, fingerprint(eventId), offset);
        entries++;
    }

    /** Syncs the slots, then records that the index covers {@code [0, covered)}. */
    void commit(long covered) throws IOException {
        channel.force(false);
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
            if (id != null && !contains(id, committedBytes)) {
                add(id, line.offset());
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
            ByteBuffer chunk = ByteBuffer.allocate(COPY_SLOTS * SLOT_BYTES);
            for (long first = 0; first < slotCount; first += COPY_SLOTS) {
                chunk.clear();
                long pos = HEADER_BYTES + first * SLOT_BYTES;
                while (chunk.hasRemaining() && channel.read(chunk, pos + chunk.position()) > 0) {}
                for (int at = 0; at + SLOT_BYTES <= chunk.position(); at += SLOT_BYTES) {
                    long fp = chunk.getLong(at);
                    if (fp != 0) {
                        insert(target, newCount, fp, chunk.getLong(at + 8));
                    }
                }
            }
            target.force(true);
        }
        channel.close();
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(file.toAbsolutePath().getParent());
        channel = FileChannel.open(file, OPEN);
        slotCount = newCount;
    }

    private void insert(FileChannel ch, long slots, long fp, long offset) throws IOException {
        long mask = slots - 1;
        for (long i = fp & mask, probes = 0; probes < slots; i = (i + 1) & mask, probes++) {
            readSlot(ch, i);
            if (slot.getLong(0) == 0) {
                slot.clear();
                slot.putLong(fp).putLong(offset).flip();
                ch.write(slot, HEADER_BYTES + i * SLOT_BYTES);
                return;
            }
        }
        throw new IllegalStateException("id index is full");
    }

    private void readSlot(FileChannel ch, long index) throws IOException {
        slot.clear();
        long pos = HEADER_BYTES + index * SLOT_BYTES;
        while (slot.hasRemaining() && ch.read(slot, pos + slot.position()) > 0) {}
        if (slot.hasRemaining()) {
            slot.clear();
            slot.putLong(0L).putLong(0L);
        }
        slot.flip();
    }

    private long fingerprint(String eventId) {
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
        channel.close();
    }

    @Override
    public String toString() {
        return "IdIndex[slots=" + slotCount + ", entries=" + entries + "]";
    }
}

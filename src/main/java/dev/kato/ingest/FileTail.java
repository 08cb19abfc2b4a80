package dev.kato.ingest;

import static java.util.Objects.requireNonNull;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.ingest.DirectorySnapshot.FileState;
import dev.kato.provider.Anomaly;
import dev.kato.provider.JsonlSessionParser;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParseSink;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;
import dev.kato.provider.claude.ClaudeParsers;
import dev.kato.provider.codex.CodexParsers;
import dev.kato.provider.gemini.GeminiParsers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Tails one session file by byte offset. Each {@link #readNew} opens the file (without following
 * links), reads from where the last read stopped to the current end in chunks of the shared scratch
 * buffer, feeds the parser and closes the file again, so nothing stays open between reads and
 * memory is bounded by the chunk size and the parser's line limit.
 *
 * <p>The {@link #cursor()} only ever points just after a complete line. A file shorter than the
 * cursor was truncated and one with another file key was replaced: both restart at byte 0 with a
 * new parser ({@link TailStatus}); the consumer deduplicates by event id. A renamed-away file is
 * not followed: its unread tail is read again from byte 0 if it shows up under a watched session
 * path.
 *
 * <p>Gemini's legacy {@code .json} document is rewritten in place: whenever its identity, size or
 * mtime changed it is fed whole into the same parser, which diffs against what it emitted before
 * (so replacement does not reset it). Gemini {@code .jsonl} is tailed like any JSONL file.
 *
 * <p>Resuming from a persisted cursor (providers differ in how much state a parser needs):
 *
 * <ul>
 *   <li>Claude: the JSONL parser starts framing at the cursor; nothing before it is read.
 *   <li>Codex: {@link CodexParsers#createResumed} re-reads the prefix silently to rebuild session,
 *       model and turn state, then reports from the cursor on.
 *   <li>Gemini JSONL: the prefix is re-read into the parser with its output discarded, so the
 *       last-copy-wins ledger is rebuilt and only changes after the cursor are reported — exactly
 *       what an uninterrupted run would have reported. (Re-reading is required: an index-only
 *       cursor would miss updates to messages already passed.)
 *   <li>Gemini JSON: the whole document is re-read; events already handled come again and the
 *       consumer deduplicates them by event id.
 * </ul>
 *
 * <p>Not thread-safe: one thread at a time drives a tail, and a read buffer is used by one thread
 * at a time.
 */
final class FileTail {
    /** The outcome of one {@link #readNew}: {@code more} says the byte budget stopped it early. */
    record TailRead(TailStatus status, long bytesRead, boolean more) {}

    private static final ParseSink DISCARD =
            new ParseSink() {
                @Override
                public void event(ConversationEvent event) {}

                @Override
                public void anomaly(Anomaly anomaly) {}
            };

    private final SessionFile file;
    private final ParserLimits limits;
    private final byte[] scratch;
    private final long maxBytesPerRead;
    private final boolean document;

    private SessionParser parser;
    private String fileKey;

    /** Next byte to feed the parser. */
    private long position;

    /** The cursor never goes below this (a resumed parser replaying its prefix). */
    private long floor;

    /** Bytes below this are fed with their output discarded (Gemini JSONL resume). */
    private long muteBelow;

    /** The last document snapshot parsed (Gemini JSON only). */
    private @Nullable FileState lastDocument;

    /**
     * @param resumeFrom a persisted cursor, or null to read from byte 0
     * @param scratch read buffer, shared by the tails of one thread; its length is the chunk size
     * @param maxBytesPerRead JSONL bytes read per {@link #readNew} call at most, so one huge file
     *     cannot stall the others
     */
    FileTail(
            SessionFile file,
            @Nullable IngestCursor resumeFrom,
            ParserLimits limits,
            byte[] scratch,
            long maxBytesPerRead) {
        this.file = requireNonNull(file, "file");
        this.limits = requireNonNull(limits, "limits");
        this.scratch = requireNonNull(scratch, "scratch");
        if (scratch.length == 0 || maxBytesPerRead <= 0) {
            throw new IllegalArgumentException("scratch and maxBytesPerRead must be non-empty");
        }
        this.maxBytesPerRead = maxBytesPerRead;
        this.document =
                file.provider() == Provider.GEMINI
                        && !file.path().getFileName().toString().endsWith(".jsonl");
        this.fileKey = resumeFrom == null ? "" : resumeFrom.fileKey();
        this.parser = startParser(resumeFrom == null || document ? 0 : resumeFrom.offset());
    }

    /** Where reading stands: the file key and the end of the last complete line consumed. */
    IngestCursor cursor() {
        return new IngestCursor(fileKey, document ? 0 : Math.max(floor, parser.committedOffset()));
    }

    /** The next byte to be fed to the parser (beyond the cursor while a line is incomplete). */
    long position() {
        return position;
    }

    boolean isDocument() {
        return document;
    }

    SessionFile file() {
        return file;
    }

    /** Reads everything new. */
    TailRead readNew(ParseSink sink) throws IOException {
        return readNew(sink, Long.MAX_VALUE);
    }

    /**
     * Reads new bytes, but none at or beyond {@code limit} (JSONL only; a document is always read
     * whole).
     */
    TailRead readNew(ParseSink sink, long limit) throws IOException {
        return readNew(sink, limit, scratch);
    }

    /**
     * As {@link #readNew(ParseSink, long)}, reading through {@code buffer} (of the calling thread)
     * instead of the buffer given at construction: tails read by several threads.
     */
    TailRead readNew(ParseSink sink, long limit, byte[] buffer) throws IOException {
        if (buffer.length == 0) {
            throw new IllegalArgumentException("buffer must be non-empty");
        }
        Optional<BasicFileAttributes> attrs = DirectorySnapshot.tryStat(file.path());
        if (attrs.isEmpty() || !attrs.get().isRegularFile()) {
            return new TailRead(TailStatus.DELETED, 0, false);
        }
        FileState state = FileState.of(attrs.get());
        return document ? readDocument(sink, state, buffer) : readLines(sink, state, limit, buffer);
    }

    private TailRead readLines(ParseSink sink, FileState state, long limit, byte[] buffer)
            throws IOException {
        TailStatus status = TailStatus.READ;
        if (!fileKey.isEmpty() && !fileKey.equals(state.fileKey())) {
            status = TailStatus.REPLACED;
        } else if (state.size() < Math.max(position, cursor().offset())) {
            status = TailStatus.TRUNCATED;
        }
        if (status != TailStatus.READ) {
            floor = 0;
            muteBelow = 0;
            parser = startParser(0);
        }
        fileKey = state.fileKey();
        long available = Math.min(state.size(), limit);
        long end = Math.min(available, position + maxBytesPerRead);
        if (end <= position) {
            return new TailRead(status, 0, false);
        }
        long start = position;
        try (FileChannel channel = open()) {
            if (!sameFile(state)) {
                return new TailRead(status, 0, true); // replaced while opening: look again
            }
            channel.position(position);
            while (position < end) {
                int want = (int) Math.min(buffer.length, end - position);
                int n = channel.read(ByteBuffer.wrap(buffer, 0, want));
                if (n <= 0) {
                    break;
                }
                feed(buffer, n, sink);
            }
        } catch (NoSuchFileException e) {
            return new TailRead(TailStatus.DELETED, 0, false);
        }
        boolean more = end < available;
        if (more && parser.dropPartialLine()) {
            // stopped by the byte budget mid-line: read that line again next time instead of
            // holding it, so thousands of files paused mid-catch-up hold no partial lines
            position = parser.committedOffset();
        }
        parser.endOfInput(position < muteBelow ? DISCARD : sink);
        return new TailRead(status, Math.max(0, position - start), more);
    }

    private void feed(byte[] buffer, int n, ParseSink sink) {
        int muted = (int) Math.max(0, Math.min(n, muteBelow - position));
        if (muted > 0) {
            parser.feed(buffer, 0, muted, DISCARD);
        }
        if (n > muted) {
            parser.feed(buffer, muted, n - muted, sink);
        }
        position += n;
    }

    private TailRead readDocument(ParseSink sink, FileState state, byte[] buffer)
            throws IOException {
        if (state.equals(lastDocument)) {
            return new TailRead(TailStatus.READ, 0, false);
        }
        fileKey = state.fileKey();
        long read = 0;
        try (FileChannel channel = open()) {
            if (!sameFile(state)) {
                return new TailRead(TailStatus.READ, 0, true);
            }
            int n;
            while ((n = channel.read(ByteBuffer.wrap(buffer))) > 0) {
                parser.feed(buffer, 0, n, sink);
                read += n;
            }
        } catch (NoSuchFileException e) {
            return new TailRead(TailStatus.DELETED, 0, false);
        }
        parser.endOfInput(sink);
        lastDocument = state;
        // Rewritten while we read it: the snapshot may be torn, so read it again at once.
        Optional<BasicFileAttributes> after = DirectorySnapshot.tryStat(file.path());
        boolean changed = after.isPresent() && !FileState.of(after.get()).equals(state);
        return new TailRead(TailStatus.READ, read, changed);
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(file.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    /** True when the path still names the file whose attributes decided what to read. */
    private boolean sameFile(FileState state) {
        return DirectorySnapshot.tryStat(file.path())
                .map(a -> DirectorySnapshot.fileKeyOf(a).equals(state.fileKey()))
                .orElse(false);
    }

    private SessionParser startParser(long resumeAt) {
        ParseContext ctx = file.parseContext();
        position = 0;
        lastDocument = null;
        if (resumeAt == 0 || document) {
            return SessionParsers.create(ctx, limits);
        }
        floor = resumeAt;
        return switch (file.provider()) {
            case CLAUDE -> resumeClaude(ctx, resumeAt);
            case CODEX -> CodexParsers.createResumed(ctx, limits, resumeAt);
            case GEMINI -> {
                muteBelow = resumeAt;
                yield GeminiParsers.create(ctx, limits);
            }
        };
    }

    private SessionParser resumeClaude(ParseContext ctx, long resumeAt) {
        SessionParser p = ClaudeParsers.create(ctx, limits);
        if (p instanceof JsonlSessionParser jsonl) {
            position = resumeAt;
            return jsonl.resumeAt(resumeAt);
        }
        muteBelow = resumeAt; // any other framing: replay the prefix silently
        return p;
    }

    @Override
    public String toString() {
        return "FileTail["
                + file.provider().id()
                + ", "
                + file.role()
                + ", position="
                + position
                + ", cursor="
                + cursor().offset()
                + "]";
    }
}

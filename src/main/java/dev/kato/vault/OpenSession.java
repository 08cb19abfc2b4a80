package dev.kato.vault;

import dev.kato.event.EventMeta;
import dev.kato.event.SessionKey;
import dev.kato.fs.PageCache;
import dev.kato.fs.PrivateFiles;
import dev.kato.state.LoadResult;
import dev.kato.state.Quarantine;
import dev.kato.state.StateStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One session opened for writing, after crash recovery. Recovery rules:
 *
 * <ul>
 *   <li>{@code meta.json} records the committed length of {@code events.jsonl}. Complete, valid,
 *       new lines beyond it (a crash after the events fsync, before the meta replace) are kept and
 *       counted; a torn last line is truncated away; from the first invalid or duplicate complete
 *       line on, the tail is copied to a quarantine file and truncated.
 *   <li>A {@code meta.json} that claims more bytes than {@code events.jsonl} holds is lying (events
 *       win): it is quarantined and rebuilt from the events, without cursors, so the caller
 *       re-reads its logs and the id index drops what is already stored.
 *   <li>A missing or quarantined {@code meta.json} is rebuilt the same way.
 * </ul>
 */
final class OpenSession implements Closeable {
    private static final Set<OpenOption> OPEN =
            Set.of(
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE,
                    LinkOption.NOFOLLOW_LINKS);

    private final SessionKey key;
    private final SessionFiles files;
    private final FileChannel events;
    private final IdIndex index;
    private final StateStore<SessionMeta> metaStore;
    private final SessionStats stats;

    private OpenSession(
            SessionKey key,
            SessionFiles files,
            FileChannel events,
            IdIndex index,
            StateStore<SessionMeta> metaStore,
            SessionStats stats) {
        this.key = key;
        this.files = files;
        this.events = events;
        this.index = index;
        this.metaStore = metaStore;
        this.stats = stats;
    }

    /**
     * Opens and recovers the session in {@code files}; null when it holds no session and {@code
     * createAs} is null (nothing is created then).
     */
    static @Nullable OpenSession open(
            SessionFiles files, @Nullable SessionKey createAs, Quarantine quarantine)
            throws IOException {
        StateStore<SessionMeta> store =
                StateStore.of(files.meta(), new SessionMetaCodec(files.id()), quarantine);
        SessionMeta meta = store.load() instanceof LoadResult.Loaded<SessionMeta>(var m) ? m : null;
        if (createAs == null
                && meta == null
                && !Files.exists(files.events(), LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        PrivateFiles.createDirectories(files.dir());
        FileChannel ch = FileChannel.open(files.events(), OPEN, PrivateFiles.fileAttribute());
        try {
            if (meta != null && meta.eventsBytes() > ch.size()) {
                quarantine.moveAside(
                        files.meta(), "meta.json records more event bytes than events.jsonl holds");
                meta = null;
            }
            OpenSession s = recover(files, ch, meta, createAs, store, quarantine);
            if (s == null) {
                ch.close();
            }
            return s;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static @Nullable OpenSession recover(
            SessionFiles files,
            FileChannel ch,
            @Nullable SessionMeta meta,
            @Nullable SessionKey createAs,
            StateStore<SessionMeta> store,
            Quarantine quarantine)
            throws IOException {
        long base = meta == null ? 0 : meta.eventsBytes();
        IdIndex index =
                meta == null
                        ? IdIndex.createEmpty(files.index(), ch)
                        : IdIndex.open(files.index(), ch, base);
        try {
            TailRecovery tail = new TailRecovery(files, ch, index, meta, createAs);
            tail.run(base, quarantine);
            if (tail.stats() == null) {
                index.close();
                return null;
            }
            SessionStats stats = tail.stats();
            if (tail.changed() || (meta == null && stats.count() > 0)) {
                index.commit(stats.bytes());
                store.save(stats.toMeta());
            }
            return new OpenSession(stats.toMeta().key(), files, ch, index, store, stats);
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
    }

    SessionMeta meta() {
        return stats.toMeta();
    }

    FileChannel events() {
        return events;
    }

    /** Appends the events not yet stored, then commits them and {@code update} durably. */
    AppendResult append(RenderedBatch batch, SessionMetaUpdate update) throws IOException {
        checkBelongs(key, batch.events());
        Set<String> seen = new HashSet<>();
        long base = stats.bytes();
        int appended = 0;
        int duplicates = 0;
        int tooLarge = 0;
        // The kept lines go to the file with one write (the batch's own bytes when every line is
        // kept); the index learns their ids after the bytes are in the file.
        boolean[] keep = new boolean[batch.size()];
        long[] fingerprints = new long[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            String id = batch.events().get(i).meta().eventId().value();
            fingerprints[i] = index.fingerprint(id);
            if (!seen.add(id) || index.contains(id, fingerprints[i], base)) {
                duplicates++;
            } else if (batch.length(i) > JsonlEventReader.MAX_LINE_BYTES) {
                tooLarge++;
            } else {
                keep[i] = true;
                appended++;
            }
        }
        byte[] out = batch.bytes();
        int outLength = out.length;
        if (appended > 0 && appended < batch.size()) {
            LineBuffer kept = new LineBuffer();
            for (int i = 0; i < batch.size(); i++) {
                if (keep[i]) {
                    kept.write(batch.bytes(), batch.start(i), batch.length(i));
                }
            }
            out = kept.bytes();
            outLength = kept.size();
        }
        long pos = base;
        if (appended > 0) {
            writeFully(out, outLength, base);
            for (int i = 0; i < batch.size(); i++) {
                if (keep[i]) {
                    LineEvent e = batch.events().get(i);
                    index.add(fingerprints[i], pos);
                    stats.add(e, batch.length(i));
                    pos += batch.length(i);
                }
            }
        }
        if (appended > 0) {
            events.force(true);
            // synced pages are handed back: a catch-up then reuses a few pages instead of taking
            // a fresh one for every 4 KiB it stores (see PageCache); from a folio before the
            // append, so the one the previous append ended in goes too
            PageCache.releaseSynced(files.events(), base - PageCache.LARGEST_FOLIO, pos);
            index.commit(pos);
        }
        stats.merge(update);
        if (appended > 0 || !update.isEmpty()) {
            metaStore.save(stats.toMeta());
        }
        return new AppendResult(appended, duplicates, tooLarge);
    }

    /**
     * Fails when an event of {@code batch} is not an event of {@code key}'s session. Every event
     * must come from the key's provider and carry its session id; a sub-agent's events (those with
     * an agent id) may carry the transcript's own id, as Gemini CLI's sub-agent files do, because
     * discovery files them under the parent conversation.
     */
    static void checkBelongs(SessionKey key, List<LineEvent> batch) {
        for (LineEvent line : batch) {
            EventMeta e = line.meta();
            boolean subAgent = e.agentId() != null;
            if (e.provider() != key.provider()
                    || !(subAgent || e.sessionId().equals(key.providerSessionId()))) {
                throw new IllegalArgumentException(
                        "event " + e.eventId() + " belongs to another session");
            }
        }
    }

    /** A byte buffer whose array can be written without a copy. */
    private static final class LineBuffer extends java.io.ByteArrayOutputStream {
        LineBuffer() {
            super(8192);
        }

        byte[] bytes() {
            return buf;
        }
    }

    private void writeFully(byte[] bytes, int length, long position) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes, 0, length);
        while (buf.hasRemaining()) {
            events.write(buf, position + buf.position());
        }
    }

    /** Copies {@code [from, to)} of {@code ch} to {@code out}'s stream. */
    static void copyRange(FileChannel ch, long from, long to, java.io.OutputStream out)
            throws IOException {
        var target = Channels.newChannel(out);
        for (long pos = from; pos < to; ) {
            long n = ch.transferTo(pos, to - pos, target);
            if (n <= 0) {
                break; // the file shrank under us; copy what exists
            }
            pos += n;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            index.close();
        } finally {
            events.close();
        }
    }

    @Override
    public String toString() {
        return "OpenSession[" + key.shortId() + "]";
    }
}

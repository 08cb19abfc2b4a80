package dev.kato.vault;

import static java.util.Objects.requireNonNull;

import dev.kato.event.ConversationEvent;
import dev.kato.event.SessionKey;
import dev.kato.fs.PrivateFiles;
import dev.kato.state.LoadResult;
import dev.kato.state.Quarantine;
import dev.kato.state.QuarantineListener;
import dev.kato.state.StateStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Kato's durable per-session copy of canonical events, rooted at {@code KATO_HOME/sessions}.
 *
 * <p>Layout: {@code <root>/<katoSessionId>/events.jsonl} (append-only canonical JSONL, each event
 * id at most once), {@code meta.json} (a {@link StateStore} file: identity, title, time range,
 * count, committed length, provider logs and the caller's opaque cursors) and {@code ids.idx} (the
 * derived on-disk event-id index). Directories are {@code 0700}, files {@code 0600}.
 *
 * <p>Durability: {@link #append} writes the new lines, fsyncs {@code events.jsonl}, updates the
 * index, then replaces {@code meta.json} atomically. Whatever a crash leaves is reconciled the next
 * time a writable vault touches the session (see {@code OpenSession}).
 *
 * <p>Memory: nothing is cached per session or per event. Listing reads only {@code meta.json}
 * files; reading streams one line at a time; exactly-once is checked against the on-disk index. The
 * page cache does not keep what was appended either: synced pages of {@code events.jsonl} are
 * handed back to the system ({@code fs.PageCache}).
 *
 * <p>A writable vault ({@link #open}) holds an exclusive lock on {@code <root>/.vault.lock}; one
 * process (the daemon, or the CLI while no daemon runs) may own it. {@link #openReadOnly} never
 * writes: it sees only what {@code meta.json} committed and leaves repairs to the owner.
 */
public final class Vault implements AutoCloseable {
    static final String LOCK_FILE = ".vault.lock";

    private final Path root;
    private final @Nullable Quarantine quarantine;
    private final @Nullable FileChannel lockChannel;
    private volatile boolean closed;
    private final ReentrantLock[] sessionLocks = newLocks(64);

    private Vault(Path root, @Nullable Quarantine quarantine, @Nullable FileChannel lockChannel) {
        this.root = root;
        this.quarantine = quarantine;
        this.lockChannel = lockChannel;
    }

    /**
     * Opens (creating {@code dir} {@code 0700} if needed) a writable vault.
     *
     * @throws IOException also when another process holds the vault
     */
    public static Vault open(Path dir, QuarantineListener listener, InstantSource clock)
            throws IOException {
        Quarantine quarantine = new Quarantine(listener, clock);
        Path root = dir.toAbsolutePath().normalize();
        PrivateFiles.createDirectories(root);
        FileChannel ch =
                FileChannel.open(
                        root.resolve(LOCK_FILE),
                        Set.of(
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                LinkOption.NOFOLLOW_LINKS),
                        PrivateFiles.fileAttribute());
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("the vault at " + root + " is in use by another process");
        }
        return new Vault(root, quarantine, ch);
    }

    /** Opens a vault for reading only; a missing directory is an empty vault. */
    public static Vault openReadOnly(Path dir) {
        return new Vault(dir.toAbsolutePath().normalize(), null, null);
    }

    public Path directory() {
        return root;
    }

    /**
     * Stores the events of {@code batch} whose ids are not stored yet (first occurrence wins), in
     * order, and records {@code update}; durable when this returns.
     *
     * @throws IllegalArgumentException when an event belongs to another session
     */
    public AppendResult append(
            SessionKey key, List<? extends ConversationEvent> batch, SessionMetaUpdate update)
            throws IOException {
        return append(key, RenderedBatch.of(batch), update);
    }

    /**
     * As {@link #append(SessionKey, List, SessionMetaUpdate)}, with the lines rendered beforehand
     * (outside the vault's lock).
     */
    public AppendResult append(SessionKey key, RenderedBatch batch, SessionMetaUpdate update)
            throws IOException {
        requireNonNull(key, "key");
        requireNonNull(batch, "batch");
        requireNonNull(update, "update");
        Quarantine q = writable();
        OpenSession.checkBelongs(key, batch.events());
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try (OpenSession s = OpenSession.open(SessionFiles.of(root, key.katoSessionId()), key, q)) {
            return requireNonNull(s, "session").append(batch, update);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The lock of one session's files. Operations on one session are serialized; different sessions
     * are stored at the same time (by the daemon's capture threads), so the slow part of storing,
     * the file system, runs on several threads.
     */
    private ReentrantLock lockOf(SessionKey key) {
        return lockOf(key.katoSessionId());
    }

    private ReentrantLock lockOf(java.util.UUID katoSessionId) {
        return sessionLocks[Math.floorMod(katoSessionId.hashCode(), sessionLocks.length)];
    }

    /** Every stored session's metadata, sorted by Kato session id. Reads no events. */
    public synchronized List<VaultSessionInfo> sessions() throws IOException {
        checkOpen();
        List<SessionFiles> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                Optional<SessionFiles> files =
                        SessionFiles.tryParse(root, String.valueOf(entry.getFileName()));
                if (files.isPresent() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    dirs.add(files.get());
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        dirs.sort(Comparator.comparing(f -> f.id().toString()));
        List<VaultSessionInfo> out = new ArrayList<>(dirs.size());
        for (SessionFiles f : dirs) {
            ReentrantLock lock = lockOf(f.id());
            lock.lock();
            try {
                SessionMeta meta = settledMeta(f);
                if (meta != null) {
                    out.add(VaultSessionInfo.of(meta));
                }
            } finally {
                lock.unlock();
            }
        }
        return out;
    }

    /** The session's metadata, if the vault has it. */
    public Optional<VaultSessionInfo> find(SessionKey key) throws IOException {
        checkOpen();
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            SessionMeta meta = settledMeta(SessionFiles.of(root, key.katoSessionId()));
            return Optional.ofNullable(meta).map(VaultSessionInfo::of);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sessions matching what a user typed: a Kato session id, a prefix of one (at least the
     * 8-character short id), or a provider session id.
     */
    public synchronized List<VaultSessionInfo> findByReference(String reference)
            throws IOException {
        String ref = reference.strip().toLowerCase(Locale.ROOT);
        List<VaultSessionInfo> out = new ArrayList<>();
        if (ref.isEmpty()) {
            return out;
        }
        for (VaultSessionInfo s : sessions()) {
            String id = s.katoSessionId().toString();
            if ((ref.length() >= 8 && id.startsWith(ref))
                    || s.key().providerSessionId().equals(reference.strip())) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Streams the session's committed events, in stored order, to {@code consumer}; empty when the
     * vault has no such session.
     */
    public Optional<ReadSummary> readEvents(SessionKey key, EventConsumer consumer)
            throws IOException {
        checkOpen();
        requireNonNull(consumer, "consumer");
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            return readLocked(SessionFiles.of(root, key.katoSessionId()), consumer);
        } finally {
            lock.unlock();
        }
    }

    private Optional<ReadSummary> readLocked(SessionFiles f, EventConsumer consumer)
            throws IOException {
        if (quarantine != null) {
            try (OpenSession s = OpenSession.open(f, null, quarantine)) {
                return s == null
                        ? Optional.empty()
                        : Optional.of(
                                EventStream.read(s.events(), s.meta().eventsBytes(), consumer));
            }
        }
        SessionMeta meta = readOnlyMeta(f);
        if (meta == null) {
            return Optional.empty();
        }
        try (FileChannel ch =
                FileChannel.open(f.events(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(
                    EventStream.read(ch, Math.min(meta.eventsBytes(), ch.size()), consumer));
        } catch (NoSuchFileException e) {
            return Optional.of(new ReadSummary(0, 0));
        }
    }

    /** The session's metadata after any needed recovery (writable) or as committed (read-only). */
    private @Nullable SessionMeta settledMeta(SessionFiles f) throws IOException {
        if (quarantine == null) {
            return readOnlyMeta(f);
        }
        StateStore<SessionMeta> store =
                StateStore.of(f.meta(), new SessionMetaCodec(f.id()), quarantine);
        if (store.load() instanceof LoadResult.Loaded<SessionMeta>(SessionMeta m)
                && m.eventsBytes() == sizeOrZero(f.events())) {
            return m;
        }
        try (OpenSession s = OpenSession.open(f, null, quarantine)) {
            return s == null ? null : s.meta();
        }
    }

    private static @Nullable SessionMeta readOnlyMeta(SessionFiles f) throws IOException {
        StateStore<SessionMeta> store = StateStore.readOnly(f.meta(), new SessionMetaCodec(f.id()));
        return store.load() instanceof LoadResult.Loaded<SessionMeta>(SessionMeta m) ? m : null;
    }

    private static long sizeOrZero(Path file) throws IOException {
        try {
            return Files.readAttributes(
                            file,
                            java.nio.file.attribute.BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS)
                    .size();
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private Quarantine writable() {
        checkOpen();
        if (quarantine == null) {
            throw new IllegalStateException("this vault was opened read-only");
        }
        return quarantine;
    }

    private static ReentrantLock[] newLocks(int n) {
        ReentrantLock[] locks = new ReentrantLock[n];
        for (int i = 0; i < n; i++) {
            locks[i] = new ReentrantLock();
        }
        return locks;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the vault is closed");
        }
    }

    /** Releases the vault lock. */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            if (lockChannel != null) {
                lockChannel.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Vault[" + (quarantine == null ? "read-only" : "writable") + "]";
    }
}

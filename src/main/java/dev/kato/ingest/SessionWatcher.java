package dev.kato.ingest;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static java.util.Objects.requireNonNull;

import dev.kato.event.Provider;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Watches the session roots by snapshots: every directory under a root has a {@link
 * DirectorySnapshot}; a rescan diffs the new snapshot against the old one and reports what
 * appeared, changed or vanished. {@link WatchService} events (inotify on Linux) are only hints that
 * say <em>which</em> directory or entry to look at now; {@link #rescanAll} is the safety net that
 * finds whatever the hints missed (queue overflow, file systems without notification, exhausted
 * inotify watches).
 *
 * <p>Directories are registered recursively, including ones created later (a new Codex day folder,
 * a new Claude project), up to the same depth as {@link SessionDiscovery}. A root that does not
 * exist yet is found through a watch on its nearest existing ancestor (and by every {@link
 * #rescanAll}); files in it are then reported as appearing while running. Symbolic links are not
 * followed below a root. A directory that belongs to two roots is watched for the first.
 *
 * <p>Not thread-safe: one thread drives it ({@link #start}, {@link #awaitHints}, {@link
 * #rescanAll}) and the listener is called on that thread.
 */
final class SessionWatcher implements Closeable {
    static final int MAX_DEPTH = 8;

    /** Receives changes on the thread that drives the watcher. */
    interface Listener {
        void fileAppeared(SessionFile file, boolean presentAtStart);

        void fileChanged(SessionFile file);

        void fileRemoved(SessionFile file);
    }

    private record Root(Provider provider, Path path) {}

    private record Dir(Root root, int depth) {}

    private final List<Root> roots = new ArrayList<>();
    private final Listener listener;
    private final @Nullable WatchService watchService;
    private final Map<Path, Dir> dirs = new HashMap<>();
    private final Map<Path, DirectorySnapshot> snapshots = new HashMap<>();
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private final Map<Path, WatchKey> keyOfDir = new HashMap<>();
    private final Set<Root> activeRoots = new LinkedHashSet<>();
    private final Set<Path> ancestorWatches = new LinkedHashSet<>();
    private int unwatchable;

    /**
     * @param watchService where hints come from, or null to rely on {@link #rescanAll} alone
     */
    SessionWatcher(
            Map<Provider, List<Path>> roots,
            Listener listener,
            @Nullable WatchService watchService) {
        this.listener = requireNonNull(listener, "listener");
        this.watchService = watchService;
        roots.forEach((provider, paths) -> {
            for (Path p : paths) {
                this.roots.add(new Root(provider, p.toAbsolutePath().normalize()));
            }
        });
    }

    /** Registers every existing root and reports its session files as present at start. */
    void start() {
        for (Root root : roots) {
            activate(root, true);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} (0: do not wait) for watch events, then looks at every
     * directory or entry they name and reports the differences. Returns at once when closed.
     */
    void awaitHints(long timeoutMillis) throws InterruptedException {
        if (watchService == null) {
            return;
        }
        Map<Path, @Nullable Set<Path>> hinted = new LinkedHashMap<>();
        try {
            WatchKey key =
                    timeoutMillis <= 0
                            ? watchService.poll()
                            : watchService.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            while (key != null) {
                collect(key, hinted);
                key = watchService.poll();
            }
        } catch (ClosedWatchServiceException e) {
            return;
        }
        hinted.forEach(this::look);
    }

    /**
     * The safety net: rescans every watched directory (in path order) and retries roots that did
     * not exist.
     */
    void rescanAll() {
        for (Path dir : new java.util.TreeSet<>(dirs.keySet())) {
            if (dirs.containsKey(dir)) {
                rescanDirectory(dir);
            }
        }
        retryInactiveRoots();
    }

    /** Directories that could not be registered with the watch service (rescanned on the timer). */
    int unwatchableDirectories() {
        return unwatchable;
    }

    /** Number of directories currently tracked. */
    int trackedDirectories() {
        return dirs.size();
    }

    @Override
    public void close() throws IOException {
        if (watchService != null) {
            watchService.close();
        }
    }

    private void collect(WatchKey key, Map<Path, @Nullable Set<Path>> hinted) {
        Path dir = keys.get(key);
        List<WatchEvent<?>> events = key.pollEvents();
        boolean valid = key.reset();
        if (dir == null) {
            return;
        }
        if (ancestorWatches.contains(dir)) {
            hinted.putIfAbsent(dir, new LinkedHashSet<>());
        }
        if (!valid || !dirs.containsKey(dir)) {
            hinted.put(dir, null); // look at the whole directory (it may be gone)
            return;
        }
        Set<Path> names = hinted.computeIfAbsent(dir, d -> new LinkedHashSet<>());
        for (WatchEvent<?> event : events) {
            if (names == null) {
                break;
            }
            if (event.kind() == OVERFLOW || !(event.context() instanceof Path name)) {
                hinted.put(dir, null);
                names = null;
            } else {
                names.add(dir.resolve(name));
            }
        }
    }

    /** Acts on the hints for one directory: {@code entries} null means "rescan it all". */
    private void look(Path dir, @Nullable Set<Path> entries) {
        if (ancestorWatches.contains(dir)) {
            retryInactiveRoots();
        }
        if (!dirs.containsKey(dir)) {
            return;
        }
        if (entries == null) {
            rescanDirectory(dir);
            return;
        }
        Dir d = dirs.get(dir);
        List<Path> files = new ArrayList<>();
        for (Path entry : entries) {
            Optional<BasicFileAttributes> attrs = DirectorySnapshot.tryStat(entry);
            if (attrs.isPresent() && attrs.get().isDirectory()) {
                if (!dirs.containsKey(entry) && d.depth() + 1 < MAX_DEPTH) {
                    registerTree(entry, d.root(), d.depth() + 1, false);
                }
            } else if (attrs.isEmpty() && dirs.containsKey(entry)) {
                dropTree(entry);
            } else {
                files.add(entry);
            }
        }
        if (!files.isEmpty() && dirs.containsKey(dir)) {
            DirectorySnapshot before = snapshots.get(dir);
            DirectorySnapshot after = before.restat(files, f -> classify(d.root(), f).isPresent());
            snapshots.put(dir, after);
            report(d.root(), before, after);
        }
    }

    private void rescanDirectory(Path dir) {
        Dir d = dirs.get(dir);
        List<Path> subdirs = new ArrayList<>();
        DirectorySnapshot after;
        try {
            after =
                    DirectorySnapshot.scan(
                            dir, f -> classify(d.root(), f).isPresent(), subdirs::add);
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) {
                dropTree(dir);
            }
            return;
        }
        DirectorySnapshot before = snapshots.put(dir, after);
        report(d.root(), before == null ? DirectorySnapshot.empty(dir) : before, after);
        if (d.depth() + 1 < MAX_DEPTH) {
            for (Path sub : subdirs) {
                if (!dirs.containsKey(sub)) {
                    registerTree(sub, d.root(), d.depth() + 1, false);
                }
            }
        }
        for (Path known : List.copyOf(dirs.keySet())) {
            if (dir.equals(known.getParent()) && !subdirs.contains(known)) {
                dropTree(known);
            }
        }
    }

    private void report(Root root, DirectorySnapshot before, DirectorySnapshot after) {
        for (DirectorySnapshot.Change change : before.diff(after)) {
            Optional<SessionFile> file = classify(root, change.file());
            if (file.isEmpty()) {
                continue;
            }
            switch (change.kind()) {
                case APPEARED -> listener.fileAppeared(file.get(), false);
                case CHANGED -> listener.fileChanged(file.get());
                case REMOVED -> listener.fileRemoved(file.get());
            }
        }
    }

    private void activate(Root root, boolean presentAtStart) {
        if (!Files.isDirectory(root.path())) {
            watchNearestAncestor(root.path());
            if (!Files.isDirectory(root.path())) {
                return;
            }
            // created between the first check and the ancestor registration: go on
        }
        activeRoots.add(root);
        registerTree(root.path(), root, 0, presentAtStart);
    }

    private void retryInactiveRoots() {
        for (Path ancestor : List.copyOf(ancestorWatches)) {
            ancestorWatches.remove(ancestor);
            if (!dirs.containsKey(ancestor)) {
                unregister(ancestor);
            }
        }
        for (Root root : roots) {
            if (!activeRoots.contains(root)) {
                activate(root, false);
            }
        }
    }

    private void watchNearestAncestor(Path path) {
        for (Path p = path.getParent(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) {
                ancestorWatches.add(p);
                register(p);
                return;
            }
        }
    }

    private void registerTree(Path dir, Root root, int depth, boolean presentAtStart) {
        if (dirs.containsKey(dir)) {
            return;
        }
        register(dir); // before scanning, so nothing written after the scan goes unnoticed
        dirs.put(dir, new Dir(root, depth));
        List<Path> subdirs = new ArrayList<>();
        DirectorySnapshot snapshot;
        try {
            snapshot =
                    DirectorySnapshot.scan(dir, f -> classify(root, f).isPresent(), subdirs::add);
        } catch (IOException e) {
            snapshot = DirectorySnapshot.empty(dir);
        }
        snapshots.put(dir, snapshot);
        for (Path file : snapshot.files().keySet()) {
            classify(root, file).ifPresent(f -> listener.fileAppeared(f, presentAtStart));
        }
        if (depth + 1 < MAX_DEPTH) {
            subdirs.sort(null);
            for (Path sub : subdirs) {
                registerTree(sub, root, depth + 1, presentAtStart);
            }
        }
    }

    private void dropTree(Path dir) {
        for (Path known : List.copyOf(dirs.keySet())) {
            if (!known.startsWith(dir)) {
                continue;
            }
            Dir d = dirs.remove(known);
            DirectorySnapshot last = snapshots.remove(known);
            if (!ancestorWatches.contains(known)) {
                unregister(known);
            }
            if (last != null) {
                report(d.root(), last, DirectorySnapshot.empty(known));
            }
            if (known.equals(d.root().path())) {
                activeRoots.remove(d.root());
                activate(d.root(), false);
            }
        }
    }

    private void register(Path dir) {
        if (watchService == null || keyOfDir.containsKey(dir)) {
            return;
        }
        try {
            WatchKey key = dir.register(watchService, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
            keys.put(key, dir);
            keyOfDir.put(dir, key);
        } catch (IOException | ClosedWatchServiceException e) {
            unwatchable++; // e.g. the inotify watch limit: the timer rescan still covers it
        }
    }

    private void unregister(Path dir) {
        WatchKey key = keyOfDir.remove(dir);
        if (key != null) {
            key.cancel();
            keys.remove(key);
        }
    }

    private static Optional<SessionFile> classify(Root root, Path file) {
        return SessionLayout.classify(root.provider(), root.path(), file);
    }

    @Override
    public String toString() {
        return "SessionWatcher[roots=" + roots.size() + ", dirs=" + dirs.size() + "]";
    }
}

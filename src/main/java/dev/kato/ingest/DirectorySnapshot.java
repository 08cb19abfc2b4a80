package dev.kato.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The session files directly inside one directory at one moment: identity, size and modification
 * time of each. Immutable; a later scan is {@link #diff diffed} against an earlier one, which is
 * how changes are found (watch events only say when to look). Symbolic links are never followed.
 */
final class DirectorySnapshot {
    /** What a file looked like: equal states mean "nothing to read". */
    record FileState(String fileKey, long size, long mtimeNanos) {
        FileState {
            requireNonNull(fileKey, "fileKey");
        }

        static FileState of(BasicFileAttributes attrs) {
            return new FileState(
                    fileKeyOf(attrs),
                    attrs.size(),
                    attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        }
    }

    enum ChangeKind {
        APPEARED,
        CHANGED,
        REMOVED
    }

    record Change(Path file, ChangeKind kind) {}

    private final Path dir;
    private final SortedMap<Path, FileState> files;

    private DirectorySnapshot(Path dir, SortedMap<Path, FileState> files) {
        this.dir = dir;
        this.files = Collections.unmodifiableSortedMap(files);
    }

    static DirectorySnapshot empty(Path dir) {
        return new DirectorySnapshot(dir, new TreeMap<>());
    }

    /**
     * Lists {@code dir}: regular files accepted by {@code accept} are recorded, subdirectories are
     * passed to {@code subdirectories}. Files that vanish mid-scan are simply absent.
     *
     * @throws NoSuchFileException when the directory itself is gone
     */
    static DirectorySnapshot scan(Path dir, Predicate<Path> accept, Consumer<Path> subdirectories)
            throws IOException {
        SortedMap<Path, FileState> files = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Optional<BasicFileAttributes> attrs = tryStat(entry);
                if (attrs.isEmpty()) {
                    continue;
                }
                if (attrs.get().isDirectory()) {
                    subdirectories.accept(entry);
                } else if (attrs.get().isRegularFile() && accept.test(entry)) {
                    files.put(entry, FileState.of(attrs.get()));
                }
            }
        }
        return new DirectorySnapshot(dir, files);
    }

    /**
     * A copy in which only {@code changed} (files directly in this directory) are looked at again.
     */
    DirectorySnapshot restat(Collection<Path> changed, Predicate<Path> accept) {
        SortedMap<Path, FileState> next = new TreeMap<>(files);
        for (Path file : changed) {
            Optional<BasicFileAttributes> attrs = tryStat(file);
            if (attrs.isPresent() && attrs.get().isRegularFile() && accept.test(file)) {
                next.put(file, FileState.of(attrs.get()));
            } else {
                next.remove(file);
            }
        }
        return new DirectorySnapshot(dir, next);
    }

    /** What changed from this snapshot to {@code newer}, in path order. */
    List<Change> diff(DirectorySnapshot newer) {
        List<Change> changes = new ArrayList<>();
        for (var e : newer.files.entrySet()) {
            FileState before = files.get(e.getKey());
            if (before == null) {
                changes.add(new Change(e.getKey(), ChangeKind.APPEARED));
            } else if (!before.equals(e.getValue())) {
                changes.add(new Change(e.getKey(), ChangeKind.CHANGED));
            }
        }
        for (Path gone : files.keySet()) {
            if (!newer.files.containsKey(gone)) {
                changes.add(new Change(gone, ChangeKind.REMOVED));
            }
        }
        changes.sort((a, b) -> a.file().compareTo(b.file()));
        return changes;
    }

    Path dir() {
        return dir;
    }

    /** The recorded files, in path order. */
    Map<Path, FileState> files() {
        return files;
    }

    /**
     * The attributes of {@code file} without following links; empty when it is gone or unreadable.
     */
    static Optional<BasicFileAttributes> tryStat(Path file) {
        try {
            return Optional.of(
                    Files.readAttributes(
                            file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String fileKeyOf(BasicFileAttributes attrs) {
        return Objects.toString(attrs.fileKey(), "");
    }

    @Override
    public String toString() {
        return "DirectorySnapshot[files=" + files.size() + "]";
    }
}

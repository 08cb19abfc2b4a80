package dev.kato.writer;

import dev.kato.fs.AtomicFiles;
import dev.kato.fs.PrivateFiles;
import dev.kato.policy.ApprovedPath;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Writes destination files, accepting only an {@link ApprovedPath}. Just before writing it checks
 * again, component by component from the allowed root, that no directory on the way has become a
 * symbolic link or something other than a directory, creates missing directories {@code 0700}, and
 * replaces the file atomically ({@code 0600}).
 *
 * <p>This is the first version of the race-free write: a swap between this re-check and the rename
 * is still possible; the handle-relative {@code openat2} writer and the writer's kernel confinement
 * close that window (see {@code docs/security.md}).
 */
public final class DestinationWriter {
    private DestinationWriter() {}

    /** Atomically replaces the destination with the bytes {@code content} writes. */
    public static void replace(ApprovedPath destination, AtomicFiles.ContentWriter content)
            throws IOException {
        Path parent = prepareParent(destination);
        Path target = parent.resolve(destination.target().getFileName());
        if (Files.isSymbolicLink(target)
                || (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS))) {
            throw new FileSystemException(
                    target.toString(), null, "destination changed since it was approved");
        }
        AtomicFiles.replace(target, content);
    }

    /**
     * Atomically replaces the destination with a header followed by a body, where the header can
     * only be known after the body was produced (Markdown frontmatter needs facts from every
     * event). The body streams into a private temp file beside the destination, so memory stays
     * bounded.
     *
     * @param header called after the body was written; receives the destination's current head (at
     *     most {@code maxExistingHead} bytes, empty when the file does not exist)
     */
    public static void replaceComposed(
            ApprovedPath destination,
            AtomicFiles.ContentWriter body,
            HeaderWriter header,
            int maxExistingHead)
            throws IOException {
        Path parent = prepareParent(destination);
        Path target = parent.resolve(destination.target().getFileName());
        Path bodyTemp = parent.resolve(AtomicFiles.tempName(target));
        try {
            Files.createFile(bodyTemp, PrivateFiles.fileAttribute());
            try (var out =
                    new java.io.BufferedOutputStream(
                            Files.newOutputStream(
                                    bodyTemp,
                                    java.nio.file.StandardOpenOption.WRITE,
                                    LinkOption.NOFOLLOW_LINKS),
                            1 << 16)) {
                body.writeTo(out);
            }
            byte[] existingHead = readHead(target, maxExistingHead);
            if (Files.isSymbolicLink(target)) {
                throw new FileSystemException(
                        target.toString(), null, "destination changed since it was approved");
            }
            AtomicFiles.replace(
                    target,
                    out -> {
                        header.writeTo(out, existingHead);
                        Files.copy(bodyTemp, out);
                    });
        } finally {
            Files.deleteIfExists(bodyTemp);
        }
    }

    private static byte[] readHead(Path target, int max) throws IOException {
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return new byte[0];
        }
        try (var in = Files.newInputStream(target, LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes(max);
        }
    }

    /** Writes the header of a composed file, given the head of the file it replaces. */
    @FunctionalInterface
    public interface HeaderWriter {
        void writeTo(java.io.OutputStream out, byte[] existingHead) throws IOException;
    }

    /**
     * Appends bytes to the destination (creating it {@code 0600} if missing) and fsyncs: the
     * recording path. Refuses a destination that is not a regular file or is a symbolic link.
     *
     * @return the file's size before the append (where the appended bytes start)
     */
    public static long append(ApprovedPath destination, byte[] bytes) throws IOException {
        Path parent = prepareParent(destination);
        Path target = parent.resolve(destination.target().getFileName());
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createFile(target, PrivateFiles.fileAttribute());
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // created concurrently: checked below like any existing file
            }
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileSystemException(
                    target.toString(), null, "destination is not a regular file");
        }
        try (var ch =
                java.nio.channels.FileChannel.open(
                        target,
                        java.util.Set.<java.nio.file.OpenOption>of(
                                java.nio.file.StandardOpenOption.WRITE,
                                java.nio.file.StandardOpenOption.APPEND,
                                LinkOption.NOFOLLOW_LINKS))) {
            long start = ch.size();
            var buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
            return start;
        }
    }

    /** The destination's size, 0 when it does not exist (no link followed). */
    public static long size(ApprovedPath destination) throws IOException {
        return Files.isRegularFile(destination.target(), LinkOption.NOFOLLOW_LINKS)
                ? Files.size(destination.target())
                : 0;
    }

    /**
     * Cuts the destination back to {@code size} bytes if it is longer (crash recovery: bytes
     * appended after the last committed checkpoint are written again by the replay). Returns
     * whether it cut.
     */
    public static boolean truncateTo(ApprovedPath destination, long size) throws IOException {
        Path target = destination.target();
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var ch =
                java.nio.channels.FileChannel.open(
                        target,
                        java.util.Set.<java.nio.file.OpenOption>of(
                                java.nio.file.StandardOpenOption.WRITE,
                                LinkOption.NOFOLLOW_LINKS))) {
            if (ch.size() <= size) {
                return false;
            }
            ch.truncate(size);
            ch.force(true);
            return true;
        }
    }

    /** Whether the destination exists as a regular file right now (no link followed). */
    public static boolean exists(ApprovedPath destination) {
        return Files.isRegularFile(destination.target(), LinkOption.NOFOLLOW_LINKS);
    }

    /** Checks every component below the root and creates missing ones; returns the parent. */
    static Path prepareParent(ApprovedPath destination) throws IOException {
        Path root = destination.root();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            PrivateFiles.createDirectories(root);
        }
        Path relativeParent = root.relativize(destination.target().getParent());
        Path current = root;
        for (Path part : relativeParent) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new FileSystemException(
                        current.toString(),
                        null,
                        "a directory on the way to the destination became a symbolic link");
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current, PrivateFiles.dirAttribute());
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileSystemException(current.toString(), null, "not a directory");
            }
        }
        return current;
    }
}

package dev.kato.writer;

import dev.kato.fs.AtomicFiles;
import dev.kato.fs.BeneathDirectory;
import dev.kato.fs.FileStatus;
import dev.kato.fs.OpenFile;
import dev.kato.fs.PrivateFiles;
import dev.kato.fs.WriteOpenMechanism;
import dev.kato.policy.ApprovedPath;
import dev.kato.policy.ExistingDestination;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes destination files, accepting only an {@link ApprovedPath}. Every operation opens the
 * allowed root once as a directory handle and reaches the destination's directory beneath it
 * without following any symbolic link ({@link BeneathDirectory}: {@code openat2} with {@code
 * RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS}, or an {@code O_NOFOLLOW} walk), creating missing
 * directories {@code 0700}. The file is then created, checked ({@code fstat} of the descriptor: the
 * same rules the policy applied) and written through descriptors only, so a directory swapped for a
 * link after the policy check makes the write fail instead of escaping the root.
 *
 * <p>Replacing is atomic: a {@code 0600} temp file beside the destination, fsync, {@code renameat}
 * within the same directory handle, fsync of the directory.
 */
public final class DestinationWriter {
    private DestinationWriter() {}

    /** Atomically replaces the destination with the bytes {@code content} writes. */
    public static void replace(ApprovedPath destination, AtomicFiles.ContentWriter content)
            throws IOException {
        replace(destination, content, WriteOpenMechanism.active());
    }

    static void replace(
            ApprovedPath destination,
            AtomicFiles.ContentWriter content,
            WriteOpenMechanism mechanism)
            throws IOException {
        try (BeneathDirectory parent = openParent(destination, mechanism)) {
            String name = fileName(destination);
            Optional<FileStatus> existing = parent.status(name);
            if (existing.isPresent()) {
                refuseUnlessAcceptable(destination, existing.get());
            }
            replaceWith(parent, name, destination, content);
        }
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
        replaceComposed(destination, body, header, maxExistingHead, WriteOpenMechanism.active());
    }

    static void replaceComposed(
            ApprovedPath destination,
            AtomicFiles.ContentWriter body,
            HeaderWriter header,
            int maxExistingHead,
            WriteOpenMechanism mechanism)
            throws IOException {
        try (BeneathDirectory parent = openParent(destination, mechanism)) {
            String name = fileName(destination);
            String bodyName = AtomicFiles.tempName(destination.target());
            OpenFile bodyFile = parent.createNew(bodyName);
            try (bodyFile) {
                try (OutputStream out = bodyFile.output()) {
                    body.writeTo(out);
                }
                byte[] existingHead = readHead(parent, name, destination, maxExistingHead);
                bodyFile.rewind();
                replaceWith(
                        parent,
                        name,
                        destination,
                        out -> {
                            header.writeTo(out, existingHead);
                            bodyFile.input().transferTo(out);
                        });
            } finally {
                parent.delete(bodyName);
            }
        }
    }

    /** Writes the header of a composed file, given the head of the file it replaces. */
    @FunctionalInterface
    public interface HeaderWriter {
        void writeTo(OutputStream out, byte[] existingHead) throws IOException;
    }

    /**
     * Appends bytes to the destination (creating it {@code 0600} if missing) and fsyncs: the
     * recording path. Refuses a destination that is not a regular file, is a symbolic link, or
     * breaks another rule of the policy (checked on the open descriptor).
     *
     * @return the file's size before the append (where the appended bytes start)
     */
    public static long append(ApprovedPath destination, byte[] bytes) throws IOException {
        return append(destination, out -> out.write(bytes), WriteOpenMechanism.active());
    }

    /**
     * As {@link #append(ApprovedPath, byte[])}, with the bytes that {@code content} writes (a
     * writer worker streams them from its pipe). When {@code content} fails, the file is cut back
     * to its size before the append (a crash mid-append is left to the daemon's recovery, which
     * cuts a destination back to its last committed size).
     */
    public static long append(ApprovedPath destination, AtomicFiles.ContentWriter content)
            throws IOException {
        return append(destination, content, WriteOpenMechanism.active());
    }

    static long append(ApprovedPath destination, byte[] bytes, WriteOpenMechanism mechanism)
            throws IOException {
        return append(destination, out -> out.write(bytes), mechanism);
    }

    static long append(
            ApprovedPath destination,
            AtomicFiles.ContentWriter content,
            WriteOpenMechanism mechanism)
            throws IOException {
        try (BeneathDirectory parent = openParent(destination, mechanism)) {
            String name = fileName(destination);
            boolean created = true;
            Optional<OpenFile> opened = Optional.empty();
            try {
                opened = Optional.of(parent.createNewWriteOnly(name));
            } catch (FileAlreadyExistsException e) {
                created = false;
            }
            if (opened.isEmpty()) {
                opened = parent.openExisting(name, BeneathDirectory.Access.APPEND);
            }
            OpenFile file = opened.orElseThrow(() -> changed(destination));
            try (file) {
                FileStatus status = file.status();
                refuseUnlessAcceptable(destination, status);
                try (OutputStream out = file.output()) {
                    content.writeTo(out);
                } catch (IOException | RuntimeException e) {
                    file.truncate(status.size()); // keep the file as it was
                    file.sync();
                    throw e;
                }
                file.sync();
                if (created) {
                    parent.sync();
                }
                return status.size();
            }
        }
    }

    /** The destination's size, 0 when it does not exist or is not a regular file. */
    public static long size(ApprovedPath destination) throws IOException {
        return size(destination, WriteOpenMechanism.active());
    }

    static long size(ApprovedPath destination, WriteOpenMechanism mechanism) throws IOException {
        Optional<FileStatus> status = existingStatus(destination, mechanism);
        return status.filter(FileStatus::isRegularFile).map(FileStatus::size).orElse(0L);
    }

    /**
     * Cuts the destination back to {@code size} bytes if it is longer (crash recovery: bytes
     * appended after the last committed checkpoint are written again by the replay). Returns
     * whether it cut. A missing destination, or one that is not a regular file, is left alone.
     */
    public static boolean truncateTo(ApprovedPath destination, long size) throws IOException {
        return truncateTo(destination, size, WriteOpenMechanism.active());
    }

    static boolean truncateTo(ApprovedPath destination, long size, WriteOpenMechanism mechanism)
            throws IOException {
        Optional<BeneathDirectory> maybeParent = openExistingParent(destination, mechanism);
        if (maybeParent.isEmpty()) {
            return false;
        }
        try (BeneathDirectory parent = maybeParent.get()) {
            String name = fileName(destination);
            Optional<FileStatus> entry = parent.status(name);
            if (entry.isEmpty() || !entry.get().isRegularFile()) {
                return false;
            }
            Optional<OpenFile> opened = parent.openExisting(name, BeneathDirectory.Access.WRITE);
            if (opened.isEmpty()) {
                return false;
            }
            try (OpenFile file = opened.get()) {
                FileStatus status = file.status();
                refuseUnlessAcceptable(destination, status);
                if (status.size() <= size) {
                    return false;
                }
                file.truncate(size);
                file.sync();
                return true;
            }
        }
    }

    /**
     * Creates the destination's directory (and the root) as a write would, without writing a file:
     * a process confined to that directory can then replace the file in it.
     */
    public static void prepareDirectory(ApprovedPath destination) throws IOException {
        openParent(destination, WriteOpenMechanism.active()).close();
    }

    /** Whether the destination exists as a regular file right now (no link followed). */
    public static boolean exists(ApprovedPath destination) {
        try {
            return existingStatus(destination, WriteOpenMechanism.active())
                    .filter(FileStatus::isRegularFile)
                    .isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    static boolean exists(ApprovedPath destination, WriteOpenMechanism mechanism)
            throws IOException {
        return existingStatus(destination, mechanism).filter(FileStatus::isRegularFile).isPresent();
    }

    private static Optional<FileStatus> existingStatus(
            ApprovedPath destination, WriteOpenMechanism mechanism) throws IOException {
        Optional<BeneathDirectory> maybeParent = openExistingParent(destination, mechanism);
        if (maybeParent.isEmpty()) {
            return Optional.empty();
        }
        try (BeneathDirectory parent = maybeParent.get()) {
            return parent.status(fileName(destination));
        }
    }

    /** Writes a temp file beside {@code name}, fsyncs it and renames it over {@code name}. */
    private static void replaceWith(
            BeneathDirectory parent,
            String name,
            ApprovedPath destination,
            AtomicFiles.ContentWriter content)
            throws IOException {
        String tempName = AtomicFiles.tempName(destination.target());
        OpenFile temp = parent.createNewWriteOnly(tempName);
        boolean moved = false;
        try {
            try (temp) {
                try (OutputStream out = temp.output()) {
                    content.writeTo(out);
                }
                temp.sync();
            }
            parent.rename(tempName, name);
            moved = true;
            parent.sync();
        } finally {
            if (!moved) {
                parent.delete(tempName);
            }
        }
    }

    /**
     * The destination's first bytes, at most {@code max} (empty when it does not exist), checked
     * against the policy's rules for an existing file.
     */
    public static byte[] head(ApprovedPath destination, int max) throws IOException {
        Optional<BeneathDirectory> maybeParent =
                openExistingParent(destination, WriteOpenMechanism.active());
        if (maybeParent.isEmpty()) {
            return new byte[0];
        }
        try (BeneathDirectory parent = maybeParent.get()) {
            return readHead(parent, fileName(destination), destination, max);
        }
    }

    private static byte[] readHead(
            BeneathDirectory parent, String name, ApprovedPath destination, int max)
            throws IOException {
        Optional<OpenFile> opened = parent.openExisting(name, BeneathDirectory.Access.READ);
        if (opened.isEmpty()) {
            return new byte[0];
        }
        try (OpenFile file = opened.get()) {
            refuseUnlessAcceptable(destination, file.status());
            return file.input().readNBytes(max);
        }
    }

    /** The policy's rules for an existing destination, applied to what the kernel reports. */
    private static void refuseUnlessAcceptable(ApprovedPath destination, FileStatus status)
            throws IOException {
        var problem =
                new ExistingDestination(
                                status.isSymbolicLink(),
                                status.isRegularFile(),
                                status.ownerUid(),
                                status.isExecutable(),
                                status.links())
                        .problem(destination.ownerUid());
        if (problem.isPresent()) {
            throw new FileSystemException(
                    destination.target().toString(), null, problem.get().phrase());
        }
    }

    /** The handle of the destination's directory, creating the root and directories as needed. */
    private static BeneathDirectory openParent(
            ApprovedPath destination, WriteOpenMechanism mechanism) throws IOException {
        Path root = destination.root();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            PrivateFiles.createDirectories(root);
        }
        try (BeneathDirectory rootDir = BeneathDirectory.openRoot(root, mechanism)) {
            return rootDir.descend(relativeParent(destination), true);
        }
    }

    /** The handle of the destination's directory, or empty when a directory is missing. */
    private static Optional<BeneathDirectory> openExistingParent(
            ApprovedPath destination, WriteOpenMechanism mechanism) throws IOException {
        try (BeneathDirectory rootDir = BeneathDirectory.openRoot(destination.root(), mechanism)) {
            return Optional.of(rootDir.descend(relativeParent(destination), false));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static Path relativeParent(ApprovedPath destination) {
        return destination.root().relativize(destination.target().getParent());
    }

    private static String fileName(ApprovedPath destination) {
        return destination.target().getFileName().toString();
    }

    private static IOException changed(ApprovedPath destination) {
        return new FileSystemException(
                destination.target().toString(), null, "destination changed while opening it");
    }
}

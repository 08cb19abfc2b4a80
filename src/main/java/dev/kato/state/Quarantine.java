package dev.kato.state;

import static java.util.Objects.requireNonNull;

import dev.kato.fs.AtomicFiles;
import dev.kato.fs.PrivateFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * Moves corrupt files aside as {@code <name>.corrupt-<UTC yyyyMMddTHHmmssZ>} (with {@code -2},
 * {@code -3}, … when that name is taken) and tells the {@link QuarantineListener}. Never deletes
 * and never overwrites anything.
 */
public final class Quarantine {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_ATTEMPTS = 1000;

    private final QuarantineListener listener;
    private final InstantSource clock;

    public Quarantine(QuarantineListener listener, InstantSource clock) {
        this.listener = requireNonNull(listener, "listener");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Renames {@code file} (a symbolic link is moved, not followed) to a fresh quarantine name in
     * the same directory, syncs the directory and reports it.
     *
     * @return the new path
     */
    public Path moveAside(Path file, String reason) throws IOException {
        requireNonNull(reason, "reason");
        String base = baseName(file);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Path target = file.resolveSibling(candidate(base, attempt));
            try {
                // No REPLACE_EXISTING: an earlier quarantine file is never overwritten.
                Files.move(file, target);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            AtomicFiles.syncDirectory(parentOf(file));
            listener.quarantined(file, target, reason);
            return target;
        }
        throw new FileAlreadyExistsException(file.toString(), null, "no free quarantine name");
    }

    /**
     * Writes bytes that are being cut out of {@code file} (for example the corrupt tail of an
     * append-only log) to a fresh quarantine file ({@code 0600}) beside it, syncs it and reports
     * it.
     *
     * @return the new path
     */
    public Path writeAside(Path file, AtomicFiles.ContentWriter content, String reason)
            throws IOException {
        requireNonNull(content, "content");
        requireNonNull(reason, "reason");
        String base = baseName(file);
        Set<OpenOption> options =
                Set.of(
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Path target = file.resolveSibling(candidate(base, attempt));
            FileChannel ch;
            try {
                ch = FileChannel.open(target, options, PrivateFiles.fileAttribute());
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            try (ch;
                    OutputStream out = Channels.newOutputStream(ch)) {
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            AtomicFiles.syncDirectory(parentOf(file));
            listener.quarantined(file, target, reason);
            return target;
        }
        throw new FileAlreadyExistsException(file.toString(), null, "no free quarantine name");
    }

    private String candidate(String base, int attempt) {
        String name = base + ".corrupt-" + STAMP.format(clock.instant());
        return attempt == 1 ? name : name + "-" + attempt;
    }

    private static String baseName(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("file has no name");
        }
        return name.toString();
    }

    private static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException("file has no parent directory");
        }
        return parent;
    }
}

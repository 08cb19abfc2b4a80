package dev.kato.fs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Owner-only permissions: directories {@code 0700}, files {@code 0600}. */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE =
            PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    public static FileAttribute<Set<PosixFilePermission>> dirAttribute() {
        return PosixFilePermissions.asFileAttribute(DIR);
    }

    public static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }

    /**
     * Creates {@code dir} and any missing parents with mode {@code 0700} (existing directories are
     * left as they are). Refuses to pass through a symbolic link.
     */
    public static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Path current = absolute.getRoot();
        for (Path part : absolute) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new FileAlreadyExistsException(
                        current.toString(), null, "is a symbolic link");
            }
            if (Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.createDirectory(current, dirAttribute());
                // only when a umask narrowed it: the confined daemon may not chmod
                if (!Files.getPosixFilePermissions(current, LinkOption.NOFOLLOW_LINKS)
                        .equals(DIR)) {
                    Files.setPosixFilePermissions(current, DIR);
                }
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Why {@code dir} is not a private directory of user {@code uid}, if it exists: a symbolic
     * link, not a directory, owned by another user, or writable by group or others (anyone who can
     * write it could plant state, swap the control socket or fill the logs). Empty when it is
     * private or does not exist yet (Kato then creates it {@code 0700}).
     */
    public static java.util.Optional<String> insecurity(Path dir, long uid) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            return java.util.Optional.of("is a symbolic link");
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.of("is not a directory");
        }
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!(owner instanceof Integer u) || u.longValue() != uid) {
            return java.util.Optional.of("belongs to another user (uid " + owner + ")");
        }
        Set<PosixFilePermission> mode =
                Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (mode.contains(PosixFilePermission.GROUP_WRITE)
                || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            return java.util.Optional.of(
                    "is writable by "
                            + (mode.contains(PosixFilePermission.OTHERS_WRITE)
                                    ? "other users"
                                    : "its group")
                            + " (mode "
                            + PosixFilePermissions.toString(mode)
                            + ")");
        }
        return java.util.Optional.empty();
    }
}

package dev.kato.daemon;

import dev.kato.fs.PrivateFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Creates {@code runtime/} and {@code logs/} as {@code 0700} directories owned by the daemon's
 * user.
 */
final class RuntimeDirectories {
    private RuntimeDirectories() {}

    /**
     * Creates {@code dir} (and missing parents) {@code 0700}, refuses one owned by another user or
     * reached through a symbolic link, and narrows an existing one to {@code 0700}.
     */
    static void preparePrivate(Path dir, int uid) throws IOException {
        PrivateFiles.createDirectories(dir);
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!(owner instanceof Integer o) || o != uid) {
            throw new AccessDeniedException(
                    dir.toString(), null, "owned by uid " + owner + ", not by uid " + uid);
        }
        if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)
                .equals(PrivateFiles.DIR)) {
            Files.setPosixFilePermissions(dir, PrivateFiles.DIR);
        }
    }
}

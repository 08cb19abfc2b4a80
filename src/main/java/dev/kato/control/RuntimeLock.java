package dev.kato.control;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The exclusive lock on {@code runtime/daemon.lock}: whoever holds it is the one daemon of its
 * {@code KATO_HOME} (or, for a moment, a CLI checking that none runs). The operating system
 * releases it when the holder exits, even after {@code kill -9}, so a crash never leaves a stale
 * lock. The lock file itself is never deleted (deleting it would let two holders lock two different
 * files).
 */
public final class RuntimeLock implements AutoCloseable {
    private static final Set<OpenOption> OPEN =
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private final FileChannel channel;
    private final FileLock lock;

    private RuntimeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock without waiting; empty when another process (or this one) holds it.
     *
     * @throws IOException when the lock file cannot be opened (e.g. it is a symbolic link)
     */
    public static Optional<RuntimeLock> tryAcquire(Path lockFile) throws IOException {
        FileChannel channel =
                FileChannel.open(
                        lockFile,
                        OPEN,
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new RuntimeLock(channel, lock));
            }
        } catch (OverlappingFileLockException e) {
            // this JVM already holds it
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        channel.close();
        return Optional.empty();
    }

    /** Whether some process holds the lock right now (takes and releases it to find out). */
    public static boolean isHeld(Path lockFile) throws IOException {
        Optional<RuntimeLock> lock = tryAcquire(lockFile);
        if (lock.isPresent()) {
            lock.get().close();
            return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}

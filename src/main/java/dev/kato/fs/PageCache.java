package dev.kato.fs;

import static dev.kato.fs.LinuxSyscalls.EINTR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Hands a file's cached pages back to the system once they are on disk ({@code posix_fadvise(2)}
 * with {@code POSIX_FADV_DONTNEED}). Advice only: nothing is read or written, and a file that
 * cannot be opened, or a kernel that ignores the advice, changes nothing but speed and memory.
 *
 * <p>Why: a new page for the page cache is costly on virtual machines that give free memory back to
 * their host (the host must fault it in and clear it again), and a bulk write that keeps every page
 * cached takes fresh ones all the time. Pages handed back after their fsync are reused by the next
 * write instead, and a first start that stores a gigabyte does not push the user's own files out of
 * the cache.
 */
public final class PageCache {
    private static final long FADVISE64 = 221;
    private static final int POSIX_FADV_DONTNEED = 4;

    /** The page size of x86_64 Linux; advice on a larger page size only rounds differently. */
    static final long PAGE = 4096;

    /**
     * The largest page-cache folio on x86_64 (2 MiB, aligned to its size). The kernel drops a folio
     * only when the advised range covers it whole, so an append-only writer that advises from this
     * far before its append also releases the folio its previous append ended in.
     */
    public static final long LARGEST_FOLIO = 2 << 20;

    private PageCache() {}

    /**
     * Releases the cached pages of {@code file} from the one holding {@code from} up to the one
     * holding {@code to}, which stays: an append that goes on from {@code to} does not read its
     * page back from disk. Everything in those pages must already be synced (an append's range and
     * the synced lines before it, in an append-only file). True when the kernel took the advice.
     */
    public static boolean releaseSynced(Path file, long from, long to) {
        long start = Math.floorDiv(Math.max(0, from), PAGE) * PAGE;
        long end = Math.floorDiv(to, PAGE) * PAGE;
        if (end <= start || !LinuxSyscalls.isSupported()) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom(file.toString());
            long fd;
            do {
                fd =
                        LinuxSyscalls.call(
                                arena,
                                LinuxSyscalls.OPENAT,
                                LinuxSyscalls.AT_FDCWD,
                                path.address(),
                                LinuxSyscalls.O_RDONLY
                                        | LinuxSyscalls.O_NOFOLLOW
                                        | LinuxSyscalls.O_CLOEXEC);
            } while (fd == -EINTR);
            if (fd < 0) {
                return false;
            }
            try {
                return LinuxSyscalls.call(
                                arena, FADVISE64, fd, start, end - start, POSIX_FADV_DONTNEED)
                        == 0;
            } finally {
                LinuxSyscalls.close((int) fd);
            }
        }
    }
}

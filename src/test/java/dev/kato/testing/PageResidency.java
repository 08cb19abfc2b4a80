package dev.kato.testing;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Which pages of a file are in the page cache, read with {@code mincore(2)} through {@link
 * MappedByteBuffer#isLoaded()} one page at a time (mapping a page does not load it). Files measured
 * this way must live on a disk file system: {@code tmpfs} keeps every page whatever the advice.
 */
public final class PageResidency {
    public static final int PAGE = 4096;

    private PageResidency() {}

    /** How many of the pages {@code [first, end)} of {@code file} are cached. */
    public static int residentPages(Path file, long first, long end) throws IOException {
        int resident = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long page = first; page < end; page++) {
                long pos = page * PAGE;
                int length = (int) Math.min(PAGE, ch.size() - pos);
                MappedByteBuffer one = ch.map(FileChannel.MapMode.READ_ONLY, pos, length);
                if (one.isLoaded()) {
                    resident++;
                }
            }
        }
        return resident;
    }

    /**
     * A new directory under the build's {@code target/}, on disk (a {@code tmpfs} temp directory
     * would keep every page whatever the advice); {@link #deleteTree} removes it.
     */
    public static Path newDirectoryOnDisk(String prefix) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        java.nio.file.Files.createDirectories(target);
        return java.nio.file.Files.createTempDirectory(target, prefix);
    }

    /** Deletes {@code dir} and everything in it. */
    public static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    /** The number of pages {@code file} spans. */
    public static long pages(Path file) throws IOException {
        return (java.nio.file.Files.size(file) + PAGE - 1) / PAGE;
    }
}

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

    /** The number of pages {@code file} spans. */
    public static long pages(Path file) throws IOException {
        return (java.nio.file.Files.size(file) + PAGE - 1) / PAGE;
    }
}

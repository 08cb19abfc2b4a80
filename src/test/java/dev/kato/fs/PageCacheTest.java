package dev.kato.fs;

import static dev.kato.testing.PageResidency.PAGE;
import static dev.kato.testing.PageResidency.residentPages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.testing.PageResidency;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Page-cache advice on the real kernel. The files live under {@code target/}, on the build's disk:
 * a {@code tmpfs} temp directory would keep every page whatever the advice. Ranges are 2
 * MiB-aligned where a test expects pages gone: the kernel drops a large folio only when the range
 * covers it whole, and folios are at most 2 MiB, aligned to their size.
 */
class PageCacheTest {
    private static final long MIB = 1 << 20;

    private Path dir;

    @BeforeEach
    void makeDir() throws IOException {
        dir = PageResidency.newDirectoryOnDisk("page-cache-test");
    }

    @AfterEach
    void removeDir() throws IOException {
        PageResidency.deleteTree(dir);
    }

    @Test
    void releaseSynced_dropsTheSyncedPages_andKeepsThePartialLastOne() throws IOException {
        Path file = dir.resolve("events.jsonl");
        long size = 4 * MIB + 100;
        writeSynced(file, size);
        int pages = (int) (4 * MIB / PAGE);
        assertThat(residentPages(file, 0, pages + 1))
                .as("cached after writing")
                .isEqualTo(pages + 1);

        assertThat(PageCache.releaseSynced(file, 0, size)).isTrue();

        assertThat(residentPages(file, 0, pages)).as("whole pages released").isZero();
        assertThat(residentPages(file, pages, pages + 1))
                .as("the page an append goes on in")
                .isOne();
    }

    @Test
    void releaseSynced_startsAtThePageHoldingFrom_andLeavesEarlierPagesCached() throws IOException {
        Path file = dir.resolve("events.jsonl");
        writeSynced(file, 4 * MIB);
        int half = (int) (2 * MIB / PAGE);

        assertThat(PageCache.releaseSynced(file, 2 * MIB + 10, 4 * MIB)).isTrue();

        assertThat(residentPages(file, 0, half)).isEqualTo(half);
        assertThat(residentPages(file, half, 2 * half)).isZero();
    }

    @Test
    void releaseSynced_withinOnePage_doesNothing() throws IOException {
        Path file = dir.resolve("events.jsonl");
        writeSynced(file, 3L * PAGE);

        assertThat(PageCache.releaseSynced(file, PAGE + 1, 2L * PAGE - 1)).isFalse();

        assertThat(residentPages(file, 0, 3)).isEqualTo(3);
    }

    @Test
    void releaseSynced_ofAMissingFile_isAdviceNotTaken() {
        assertThat(PageCache.releaseSynced(dir.resolve("absent"), 0, 4 * MIB)).isFalse();
    }

    @Test
    void releaseSynced_doesNotFollowASymbolicLink() throws IOException {
        Path file = dir.resolve("real.jsonl");
        writeSynced(file, 2 * MIB);
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), file);
        int pages = (int) (2 * MIB / PAGE);

        assertThat(PageCache.releaseSynced(link, 0, 2 * MIB)).isFalse();

        assertThat(residentPages(file, 0, pages)).isEqualTo(pages);
    }

    private static void writeSynced(Path file, long size) throws IOException {
        byte[] data = new byte[(int) size];
        Arrays.fill(data, (byte) 'x');
        try (FileChannel ch =
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }
}

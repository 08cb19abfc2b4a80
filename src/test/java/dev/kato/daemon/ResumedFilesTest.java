package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.ingest.IngestCursor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which files count as resumed when a provider worker (re)starts, and the cursors it gets; and how
 * its restarts back off.
 */
class ResumedFilesTest {
    private static final Path CLAUDE = Path.of("/r/claude");
    private static final Path CODEX = Path.of("/r/codex");

    @Test
    void aRestartingReaderGetsTheLastStoredCursorsOfItsRoots_andThoseFilesCountAsResumed() {
        ResumedFiles files = new ResumedFiles();
        Path loaded = CLAUDE.resolve("p/a.jsonl");
        Path firstSight = CLAUDE.resolve("p/b.jsonl");
        Path codex = CODEX.resolve("2026/x.jsonl");
        files.loaded(Map.of(loaded, new IngestCursor("k", 10)));
        assertThat(files.isResumed(loaded)).isTrue();

        // history found on first sight, stored once: not resumed until a reader restarts
        files.stored(firstSight, new IngestCursor("k2", 5));
        files.stored(loaded, new IngestCursor("k", 20));
        files.stored(codex, new IngestCursor("k3", 7));
        assertThat(files.isResumed(firstSight)).isFalse();

        assertThat(files.resume(List.of(CLAUDE)))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                loaded, new IngestCursor("k", 20),
                                firstSight, new IngestCursor("k2", 5)));
        assertThat(files.isResumed(firstSight)).isTrue();
        assertThat(files.isResumed(codex)).as("another provider's root").isFalse();
    }

    @Test
    void aFileFoundWhileRunningCountsAsResumed() {
        ResumedFiles files = new ResumedFiles();
        Path live = CODEX.resolve("2026/new.jsonl");
        assertThat(files.isResumed(live)).isFalse();
        files.foundLive(live);
        assertThat(files.isResumed(live)).isTrue();
    }

    @Test
    void restartsBackOffFrom250msDoublingTo8s() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 30).stream().map(ProviderSupervisor::backoff))
                .containsExactly(
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(8));
    }
}

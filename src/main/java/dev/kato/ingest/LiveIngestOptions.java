package dev.kato.ingest;

import static java.util.Objects.requireNonNull;

import dev.kato.provider.ParserLimits;
import java.time.Duration;

/**
 * Tuning for {@link LiveIngest}.
 *
 * @param rescanInterval how often every watched directory is rescanned as a safety net for missed
 *     watch events
 * @param chunkBytes read-buffer size (one buffer for all files)
 * @param maxBytesPerRead JSONL bytes read from one file before the others get a turn
 * @param watchHints whether to use the platform {@link java.nio.file.WatchService}; without it,
 *     changes are found by the rescan alone (for file systems without change notification)
 * @param parserLimits line and document limits for the parsers
 * @param readers how many files are read and parsed at once (threads, the ingest thread included)
 */
public record LiveIngestOptions(
        Duration rescanInterval,
        int chunkBytes,
        long maxBytesPerRead,
        boolean watchHints,
        ParserLimits parserLimits,
        int readers) {
    public static final LiveIngestOptions DEFAULT =
            new LiveIngestOptions(
                    Duration.ofSeconds(30),
                    256 * 1024,
                    1024 * 1024,
                    true,
                    // its events become canonical lines: long texts are copied, not decoded
                    ParserLimits.DEFAULT.keepingTextSpelling(),
                    Math.min(2, Runtime.getRuntime().availableProcessors()));

    public LiveIngestOptions {
        requireNonNull(rescanInterval, "rescanInterval");
        requireNonNull(parserLimits, "parserLimits");
        if (rescanInterval.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException(
                    "rescanInterval must be >= 10ms, was " + rescanInterval);
        }
        if (chunkBytes < 16 || chunkBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("chunkBytes must be 16..64MiB, was " + chunkBytes);
        }
        if (readers < 1 || readers > 16) {
            throw new IllegalArgumentException("readers must be 1..16, was " + readers);
        }
        if (maxBytesPerRead < chunkBytes) {
            throw new IllegalArgumentException(
                    "maxBytesPerRead must be >= chunkBytes, was " + maxBytesPerRead);
        }
    }

    public LiveIngestOptions withRescanInterval(Duration interval) {
        return new LiveIngestOptions(
                interval, chunkBytes, maxBytesPerRead, watchHints, parserLimits, readers);
    }

    public LiveIngestOptions withWatchHints(boolean enabled) {
        return new LiveIngestOptions(
                rescanInterval, chunkBytes, maxBytesPerRead, enabled, parserLimits, readers);
    }

    public LiveIngestOptions withReaders(int count) {
        return new LiveIngestOptions(
                rescanInterval, chunkBytes, maxBytesPerRead, watchHints, parserLimits, count);
    }
}

package dev.kato.config;

/**
 * Ingestion settings ({@code ingest.*}).
 *
 * @param maxLineBytes a session-log line longer than this is skipped and counted as an anomaly
 *     (default 32 MiB, 1 KiB to 256 MiB)
 */
public record IngestConfig(int maxLineBytes) {
    public static final int MIN_LINE_BYTES = 1024;
    public static final int MAX_LINE_BYTES = 256 * 1024 * 1024;
    public static final IngestConfig DEFAULTS = new IngestConfig(32 * 1024 * 1024);

    public IngestConfig {
        if (maxLineBytes < MIN_LINE_BYTES || maxLineBytes > MAX_LINE_BYTES) {
            throw new IllegalArgumentException(
                    "maxLineBytes must be " + MIN_LINE_BYTES + ".." + MAX_LINE_BYTES);
        }
    }
}

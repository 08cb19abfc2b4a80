package dev.kato.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;

/**
 * A one-line progress display on stderr for long work, redrawn at most twice a second, shown only
 * when stderr is a terminal and the work is large; silent otherwise (scripts and CI see nothing).
 */
final class ProgressLine {
    private static final long MIN_BYTES = 16L * 1024 * 1024;

    private final PrintWriter err;
    private final Clock clock;
    private final long total;
    private final boolean enabled;
    private Instant lastDraw = Instant.EPOCH;
    private boolean drawn;

    private ProgressLine(PrintWriter err, Clock clock, long total, boolean enabled) {
        this.err = err;
        this.clock = clock;
        this.total = total;
        this.enabled = enabled;
    }

    static ProgressLine forTerminal(PrintWriter err, Clock clock, long totalBytes) {
        var console = System.console();
        boolean tty = console != null && console.isTerminal();
        return new ProgressLine(err, clock, totalBytes, tty && totalBytes >= MIN_BYTES);
    }

    void update(long bytes) {
        if (!enabled) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(lastDraw.plusMillis(500))) {
            return;
        }
        lastDraw = now;
        drawn = true;
        err.print("\rkato: reading " + bytes / 1_000_000 + " / " + total / 1_000_000 + " MB");
        err.flush();
    }

    void done() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}

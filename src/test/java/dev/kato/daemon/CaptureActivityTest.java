package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.control.DaemonStatus;
import dev.kato.event.Provider;
import dev.kato.event.SessionKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which sessions {@code kato status} calls active. The clock is a fixed test double. */
class CaptureActivityTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final SessionKey FRESH = new SessionKey(Provider.CLAUDE, "fresh");
    private static final SessionKey OLD = new SessionKey(Provider.CODEX, "old");
    private static final SessionKey OLD_RECORDING = new SessionKey(Provider.GEMINI, "rec");

    private final CaptureActivity activity = new CaptureActivity(InstantSource.fixed(NOW));

    @Test
    void sessionsAreActiveByTheirNewestEventTime_andStaleOnesOnlyOnRequest() {
        activity.touched(OLD, NOW.minus(Duration.ofDays(3)));
        activity.touched(FRESH, NOW.minus(Duration.ofMinutes(70)));
        activity.touched(FRESH, NOW.minus(Duration.ofMinutes(5))); // newer wins
        activity.touched(FRESH, NOW.minus(Duration.ofDays(9))); // older is ignored
        activity.touched(OLD_RECORDING, NOW.minus(Duration.ofDays(1)));
        var recordings =
                List.of(new DaemonStatus.RecordingSummary("gemini", "rec", "/n/r.md", NOW));

        assertThat(activity.snapshot(recordings, false).sessions())
                .containsExactly(
                        new DaemonStatus.SessionSummary(
                                "claude", "fresh", false, NOW.minus(Duration.ofMinutes(5))),
                        new DaemonStatus.SessionSummary(
                                "gemini", "rec", false, NOW.minus(Duration.ofDays(1))));
        assertThat(activity.snapshot(recordings, true).sessions())
                .extracting(DaemonStatus.SessionSummary::sessionId, s -> s.stale())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("fresh", false),
                        org.assertj.core.groups.Tuple.tuple("rec", false),
                        org.assertj.core.groups.Tuple.tuple("old", true));
    }

    @Test
    void theWindowIsOneHour() {
        activity.touched(FRESH, NOW.minus(CaptureActivity.ACTIVE_WINDOW).plusSeconds(1));
        activity.touched(OLD, NOW.minus(CaptureActivity.ACTIVE_WINDOW).minusSeconds(1));
        assertThat(activity.snapshot(List.of(), false).sessions())
                .extracting(DaemonStatus.SessionSummary::sessionId)
                .containsExactly("fresh");
    }
}

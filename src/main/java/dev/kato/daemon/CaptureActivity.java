package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.control.DaemonStatus;
import dev.kato.event.SessionKey;
import dev.kato.recording.CommandOutcome;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code kato status} shows of live capture: when each session last had an event, the recent
 * in-chat command outcomes and the recent errors (bounded). Content-free. Thread-safe.
 *
 * <p>A session is active while its newest event (by the provider's timestamp) is younger than
 * {@link #ACTIVE_WINDOW} or while it records; otherwise it is stale and listed only on request.
 * Provider time, not arrival time, so that catching up on old history does not make it active.
 */
final class CaptureActivity {
    static final java.time.Duration ACTIVE_WINDOW = java.time.Duration.ofHours(1);
    private static final int RECENT = 50;

    private final InstantSource clock;
    private final Map<SessionKey, Instant> lastActivity = new HashMap<>();
    private final Deque<DaemonStatus.CommandOutcome> commands = new ArrayDeque<>();
    private final Deque<DaemonStatus.RecentError> errors = new ArrayDeque<>();
    private java.util.function.Supplier<SandboxState.Report> sandbox = SandboxState.Report::empty;

    CaptureActivity(InstantSource clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * How the daemon's own work is confined, for {@code kato status}: set once at start, asked on
     * each status (the workers' latest reports).
     */
    synchronized void sandbox(java.util.function.Supplier<SandboxState.Report> roles) {
        this.sandbox = requireNonNull(roles, "roles");
    }

    /** Notes the time of a session's newest event; a later time wins, an earlier one is kept. */
    synchronized void touched(SessionKey key, Instant eventTime) {
        lastActivity.merge(key, eventTime, (a, b) -> a.isAfter(b) ? a : b);
    }

    synchronized Instant lastActivity(SessionKey key) {
        return lastActivity.getOrDefault(key, Instant.EPOCH);
    }

    void command(SessionKey key, CommandOutcome outcome) {
        Instant now = clock.instant();
        String provider = key.provider().id();
        String session = key.providerSessionId();
        command(
                switch (outcome) {
                    case CommandOutcome.Applied a ->
                            new DaemonStatus.CommandOutcome(
                                    now,
                                    provider,
                                    session,
                                    a.command(),
                                    true,
                                    a.noOp() ? "no-op" : "applied");
                    case CommandOutcome.Failed f ->
                            new DaemonStatus.CommandOutcome(
                                    now, provider, session, f.command(), false, f.reason());
                    case CommandOutcome.Rejected r ->
                            new DaemonStatus.CommandOutcome(
                                    now,
                                    provider,
                                    session,
                                    "(message)",
                                    false,
                                    "rejected: " + String.join("; ", r.problems()));
                });
    }

    synchronized void command(DaemonStatus.CommandOutcome outcome) {
        commands.addFirst(outcome);
        while (commands.size() > RECENT) {
            commands.removeLast();
        }
    }

    synchronized void error(String component, String message) {
        errors.addFirst(new DaemonStatus.RecentError(clock.instant(), component, message));
        while (errors.size() > RECENT) {
            errors.removeLast();
        }
    }

    /**
     * The status sections, with the active recordings the caller knows of: active sessions, and the
     * stale ones too when {@code includeStale}; newest first.
     */
    DaemonStatus.Activity snapshot(
            List<DaemonStatus.RecordingSummary> recordings, boolean includeStale) {
        java.util.function.Supplier<SandboxState.Report> roles;
        synchronized (this) {
            roles = sandbox;
        }
        // asked outside this lock: the workers' owners hold their own while reporting errors here
        return snapshot(roles.get(), recordings, includeStale);
    }

    private synchronized DaemonStatus.Activity snapshot(
            SandboxState.Report roles,
            List<DaemonStatus.RecordingSummary> recordings,
            boolean includeStale) {
        Instant activeSince = clock.instant().minus(ACTIVE_WINDOW);
        java.util.Set<String> recording = new java.util.HashSet<>();
        recordings.forEach(r -> recording.add(r.provider() + "/" + r.sessionId()));
        List<DaemonStatus.SessionSummary> sessions = new ArrayList<>();
        lastActivity.forEach((k, t) -> {
            boolean stale =
                    t.isBefore(activeSince)
                            && !recording.contains(k.provider().id() + "/" + k.providerSessionId());
            if (!stale || includeStale) {
                sessions.add(
                        new DaemonStatus.SessionSummary(
                                k.provider().id(), k.providerSessionId(), stale, t));
            }
        });
        sessions.sort(
                java.util.Comparator.comparing(DaemonStatus.SessionSummary::lastActivity)
                        .reversed());
        return new DaemonStatus.Activity(
                roles.rows(),
                roles.layers(),
                sessions,
                recordings,
                List.copyOf(commands),
                List.copyOf(errors));
    }
}

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
 * What {@code kato status} shows of live capture: when each session last stored events, the recent
 * in-chat command outcomes and the recent errors (bounded). Content-free. Thread-safe.
 */
final class CaptureActivity {
    private static final int RECENT = 50;

    private final InstantSource clock;
    private final Map<SessionKey, Instant> lastActivity = new HashMap<>();
    private final Deque<DaemonStatus.CommandOutcome> commands = new ArrayDeque<>();
    private final Deque<DaemonStatus.RecentError> errors = new ArrayDeque<>();

    CaptureActivity(InstantSource clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    synchronized void touched(SessionKey key) {
        lastActivity.put(key, clock.instant());
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

    /** The status sections, with the active recordings the caller knows of. */
    synchronized DaemonStatus.Activity snapshot(List<DaemonStatus.RecordingSummary> recordings) {
        List<DaemonStatus.SessionSummary> sessions = new ArrayList<>();
        lastActivity.forEach((k, t) ->
                sessions.add(
                        new DaemonStatus.SessionSummary(
                                k.provider().id(), k.providerSessionId(), false, t)));
        return new DaemonStatus.Activity(
                List.of(), sessions, recordings, List.copyOf(commands), List.copyOf(errors));
    }
}

package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.audit.AuditEvent;
import dev.kato.audit.AuditLog;
import dev.kato.command.CommandParse;
import dev.kato.command.CommandParser;
import dev.kato.control.DaemonStatus;
import dev.kato.event.ConversationEvent;
import dev.kato.event.SessionKey;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import dev.kato.recording.CommandOutcome;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;

/**
 * Where every in-chat command decision goes: the audit chain, the operational log (same facts, same
 * event id) and the status's recent outcomes. Records names, outcomes and content-free reasons,
 * never message text.
 */
final class CommandDecisions {
    private static final String SKIPPED = "history or older than commands.maxAge";

    private final AuditLog audit;
    private final LifecycleSink operational;
    private final CaptureActivity activity;
    private final InstantSource clock;

    CommandDecisions(
            AuditLog audit,
            LifecycleSink operational,
            CaptureActivity activity,
            InstantSource clock) {
        this.audit = requireNonNull(audit, "audit");
        this.operational = requireNonNull(operational, "operational");
        this.activity = requireNonNull(activity, "activity");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * The recorder's outcomes for one message, tied by {@code correlation} to each other and to the
     * write-policy decisions made for them.
     */
    void outcomes(
            String correlation,
            SessionKey key,
            ConversationEvent event,
            List<CommandOutcome> outcomes)
            throws IOException {
        for (CommandOutcome o : outcomes) {
            record(auditRecord(correlation, key, event, o));
        }
        outcomes.forEach(o -> activity.command(key, o));
    }

    /** Command lines in text a person did not type are never obeyed; each sighting is recorded. */
    void noteUntrusted(SessionKey key, ConversationEvent event) throws IOException {
        String origin =
                switch (event) {
                    case UserMessage u when !u.isHumanTyped() -> u.origin().wireName();
                    case ToolResult _ -> "tool-result";
                    case dev.kato.event.AssistantMessage _ -> "assistant";
                    default -> null;
                };
        String text =
                switch (event) {
                    case UserMessage u -> u.text();
                    case ToolResult r -> r.text();
                    case dev.kato.event.AssistantMessage a -> a.text();
                    default -> "";
                };
        if (origin != null && !(CommandParser.parse(text) instanceof CommandParse.None)) {
            record(
                    new AuditEvent.CommandDecided(
                            "",
                            key.shortId(),
                            event.meta().eventId().value(),
                            "(message)",
                            "untrusted-origin",
                            "",
                            "origin " + origin));
        }
    }

    /** A typed command line that may not run (history, or too old after downtime). */
    void noteSkipped(SessionKey key, ConversationEvent event, boolean allowed) throws IOException {
        if (!allowed
                && event instanceof UserMessage u
                && u.isHumanTyped()
                && !(CommandParser.parse(u.text()) instanceof CommandParse.None)) {
            record(
                    new AuditEvent.CommandDecided(
                            "",
                            key.shortId(),
                            event.meta().eventId().value(),
                            "(message)",
                            "skipped",
                            "",
                            SKIPPED));
            activity.command(
                    new DaemonStatus.CommandOutcome(
                            clock.instant(),
                            key.provider().id(),
                            key.providerSessionId(),
                            "(message)",
                            false,
                            "skipped: " + SKIPPED));
        }
    }

    private void record(AuditEvent.CommandDecided d) throws IOException {
        operational.record(
                new LifecycleEvent.CommandDecided(
                        d.session(), d.eventId(), d.command(), d.outcome(), d.reason()));
        audit.record(d);
    }

    private static AuditEvent.CommandDecided auditRecord(
            String correlation, SessionKey key, ConversationEvent event, CommandOutcome o) {
        String id = event.meta().eventId().value();
        return switch (o) {
            case CommandOutcome.Applied a ->
                    new AuditEvent.CommandDecided(
                            correlation,
                            key.shortId(),
                            id,
                            a.command(),
                            "applied",
                            a.destination(),
                            a.noOp() ? "no-op" : "");
            case CommandOutcome.Failed f ->
                    new AuditEvent.CommandDecided(
                            correlation, key.shortId(), id, f.command(), "failed", "", f.reason());
            case CommandOutcome.Rejected r ->
                    new AuditEvent.CommandDecided(
                            correlation,
                            key.shortId(),
                            id,
                            "(message)",
                            "rejected",
                            "",
                            String.join("; ", r.problems()));
        };
    }
}

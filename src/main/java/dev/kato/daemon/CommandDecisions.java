package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.audit.AuditEvent;
import dev.kato.audit.AuditLog;
import dev.kato.command.CommandParse;
import dev.kato.command.CommandParser;
import dev.kato.control.DaemonStatus;
import dev.kato.event.AssistantMessage;
import dev.kato.event.ConversationEvent;
import dev.kato.event.Decision;
import dev.kato.event.DecisionOption;
import dev.kato.event.ProviderInfo;
import dev.kato.event.SessionKey;
import dev.kato.event.SystemNotice;
import dev.kato.event.Thinking;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import dev.kato.json.JsonLimits;
import dev.kato.json.JsonTreeReader;
import dev.kato.json.JsonValue;
import dev.kato.json.MalformedJsonException;
import dev.kato.prompthistory.HistoryVerdict;
import dev.kato.prompthistory.PromptHistory;
import dev.kato.recording.CommandOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where every in-chat command decision goes: the audit chain, the operational log (same facts, same
 * event id) and the status's recent outcomes. Records names, outcomes and content-free reasons,
 * never message text.
 */
final class CommandDecisions {
    private static final String SKIPPED = "history or older than commands.maxAge";

    private static final JsonTreeReader INPUT = new JsonTreeReader(JsonLimits.DEFAULT);

    private final AuditLog audit;
    private final LifecycleSink operational;
    private final CaptureActivity activity;
    private final InstantSource clock;
    private final @Nullable PromptHistory history;

    /**
     * @param history the prompt-history cross-check, empty when {@code
     *     commands.confirmWithPromptHistory} is off
     */
    CommandDecisions(
            AuditLog audit,
            LifecycleSink operational,
            CaptureActivity activity,
            InstantSource clock,
            Optional<PromptHistory> history) {
        this.audit = requireNonNull(audit, "audit");
        this.operational = requireNonNull(operational, "operational");
        this.activity = requireNonNull(activity, "activity");
        this.clock = requireNonNull(clock, "clock");
        this.history = history.orElse(null);
    }

    /**
     * Whether a human-typed command message may go on to run as far as the prompt history is
     * concerned: always when the cross-check is off or the event holds no command line; otherwise
     * only if the provider's history confirms it. A refusal is audited and shown like any rejected
     * message ({@code not-in-prompt-history}, or {@code prompt-history-unavailable}: fail closed).
     *
     * @param log the provider log the event was read from, null when unknown
     */
    boolean confirmedByHistory(SessionKey key, @Nullable Path log, ConversationEvent event)
            throws IOException {
        if (history == null
                || !(event instanceof UserMessage u)
                || !u.isHumanTyped()
                || CommandParser.parse(u.text()) instanceof CommandParse.None) {
            return true;
        }
        HistoryVerdict verdict;
        try {
            verdict =
                    history.check(
                            key.provider(),
                            key.providerSessionId(),
                            log,
                            u.text(),
                            u.meta().timestamp());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            verdict = HistoryVerdict.UNAVAILABLE;
        }
        if (verdict == HistoryVerdict.CONFIRMED) {
            return true;
        }
        outcomes(
                new CorrelationId(),
                key,
                event,
                List.of(new CommandOutcome.Rejected(List.of(verdict.reason()))));
        return false;
    }

    /**
     * The recorder's outcomes for one message, tied by {@code correlation} to each other and to the
     * write-policy decisions made for them.
     */
    void outcomes(
            CorrelationId correlation,
            SessionKey key,
            ConversationEvent event,
            List<CommandOutcome> outcomes)
            throws IOException {
        for (CommandOutcome o : outcomes) {
            record(auditRecord(correlation.value(), key, event, o));
        }
        outcomes.forEach(o -> activity.command(key, o));
    }

    /**
     * Command lines in text a person did not type are never obeyed; each sighting is recorded,
     * whatever kind of event carried it (security.md §4).
     */
    void noteUntrusted(SessionKey key, ConversationEvent event) throws IOException {
        String origin =
                switch (event) {
                    case UserMessage u -> u.isHumanTyped() ? null : u.origin().wireName();
                    case ToolResult _ -> "tool-result";
                    case AssistantMessage _ -> "assistant";
                    case Thinking _ -> "thinking";
                    case ToolCall _ -> "tool-call";
                    case Decision _ -> "decision";
                    case SystemNotice _ -> "system";
                    case ProviderInfo _ -> "provider-info";
                };
        if (origin != null && !(CommandParser.parse(textOf(event)) instanceof CommandParse.None)) {
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

    /** All the text of an event in which a command line could stand. */
    private static String textOf(ConversationEvent event) {
        return switch (event) {
            case UserMessage u -> u.text();
            case ToolResult r -> r.text();
            case AssistantMessage a -> a.text();
            case Thinking t -> t.text();
            case ToolCall c -> c.description() + "\n" + inputStrings(c.inputJson());
            case Decision d ->
                    String.join(
                            "\n",
                            d.summary(),
                            d.question(),
                            String.join(
                                    "\n", d.options().stream().map(DecisionOption::label).toList()),
                            d.answer() == null ? "" : d.answer());
            case SystemNotice n -> n.text();
            case ProviderInfo p -> p.value();
        };
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

    /** The string values of a tool call's JSON input, one a line (the raw text if unparsable). */
    private static String inputStrings(String inputJson) {
        if (!inputJson.contains("::") && !inputJson.contains("\\u")) {
            return ""; // no command line, even after JSON escapes are decoded
        }
        try {
            StringBuilder out = new StringBuilder();
            collect(INPUT.read(inputJson.getBytes(StandardCharsets.UTF_8)), out);
            return out.toString();
        } catch (MalformedJsonException e) {
            return inputJson;
        }
    }

    private static void collect(JsonValue value, StringBuilder out) {
        switch (value) {
            case JsonValue.Str s -> out.append(s.value()).append('\n');
            case JsonValue.Obj o -> o.fields().values().forEach(v -> collect(v, out));
            case JsonValue.Arr a -> a.items().forEach(v -> collect(v, out));
            default -> {}
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

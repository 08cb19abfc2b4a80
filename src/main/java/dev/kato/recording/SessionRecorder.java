package dev.kato.recording;

import static java.util.Objects.requireNonNull;

import dev.kato.command.CommandParse;
import dev.kato.command.CommandParser;
import dev.kato.command.CommandSegment;
import dev.kato.command.ControlCommand;
import dev.kato.command.LineRange;
import dev.kato.command.MessageSegments;
import dev.kato.command.PathArgument;
import dev.kato.event.ConversationEvent;
import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.UserMessage;
import dev.kato.policy.ApprovedPath;
import dev.kato.policy.PathDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The recording state machine of one session ({@code product.md} §5), pure: events go in, in file
 * order; the writes to make ({@link RecordingEffect}) and what became of each in-chat command
 * ({@link CommandOutcome}) come out, and the {@link RecordingState} moves on. Commands are read
 * only from human-typed messages the caller marks as allowed (live, not replayed history). Because
 * events are handled one at a time in order, events that arrive together with a {@code ::stop} or a
 * destination switch go where the recording was when they happened.
 */
public final class SessionRecorder {
    private final Destinations destinations;
    private final Supplier<UUID> newIds;
    private RecordingState state;
    private @Nullable ApprovedPath active;

    public SessionRecorder(RecordingState state, Destinations destinations, Supplier<UUID> newIds) {
        this.state = requireNonNull(state, "state");
        this.destinations = requireNonNull(destinations, "destinations");
        this.newIds = requireNonNull(newIds, "newIds");
    }

    public RecordingState state() {
        return state;
    }

    /** What one event caused. */
    public record Step(List<RecordingEffect> effects, List<CommandOutcome> outcomes) {
        public Step {
            effects = List.copyOf(effects);
            outcomes = List.copyOf(outcomes);
        }
    }

    /**
     * Handles the next event of the session.
     *
     * @param commandsAllowed whether in-chat commands in this event may run (false for history and
     *     for content read after a downtime longer than {@code commands.maxAge})
     */
    public Step accept(ConversationEvent event, boolean commandsAllowed) {
        List<RecordingEffect> effects = new ArrayList<>();
        List<CommandOutcome> outcomes = new ArrayList<>();
        if (commandsAllowed && event instanceof UserMessage message && message.isHumanTyped()) {
            switch (CommandParser.parse(message.text())) {
                case CommandParse.None _ -> append(event, effects, outcomes);
                case CommandParse.Rejected rejected -> {
                    outcomes.add(
                            new CommandOutcome.Rejected(
                                    rejected.problems().stream()
                                            .map(p ->
                                                    "line "
                                                            + (p.lineIndex() + 1)
                                                            + ": "
                                                            + p.message())
                                            .toList()));
                    append(event, effects, outcomes);
                }
                case CommandParse.Commands commands ->
                        applyAll(message, commands, effects, outcomes);
            }
        } else {
            append(event, effects, outcomes);
        }
        return new Step(effects, outcomes);
    }

    private void applyAll(
            UserMessage message,
            CommandParse.Commands commands,
            List<RecordingEffect> effects,
            List<CommandOutcome> outcomes) {
        MessageSegments segments = MessageSegments.of(message.text(), commands);
        slice(message, segments, segments.leading()).ifPresent(e -> append(e, effects, outcomes));
        for (CommandSegment segment : segments.segments()) {
            apply(message, segments, segment, effects, outcomes);
            slice(message, segments, segment.following())
                    .ifPresent(e -> append(e, effects, outcomes));
        }
    }

    private void apply(
            UserMessage message,
            MessageSegments segments,
            CommandSegment segment,
            List<RecordingEffect> effects,
            List<CommandOutcome> outcomes) {
        int line = segment.command().lineIndex() + 1;
        ControlCommand command = segment.command().command();
        String name = commandName(command);
        Optional<PathArgument> argument =
                switch (command) {
                    case ControlCommand.Init i -> i.path();
                    case ControlCommand.Capture c -> c.path();
                    case ControlCommand.Export x -> Optional.of(x.path());
                    case ControlCommand.StartRecording _, ControlCommand.Stop _ -> Optional.empty();
                };
        if (command instanceof ControlCommand.Stop) {
            outcomes.add(
                    new CommandOutcome.Applied(
                            line,
                            name,
                            state.tryRecordingAt().orElse(""),
                            state.recordingAt() == null));
            state = state.recordingAt(null);
            active = null;
            return;
        }
        Resolved resolved = resolve(argument);
        if (resolved.failure != null || resolved.path == null) {
            outcomes.add(
                    new CommandOutcome.Failed(
                            line,
                            name,
                            resolved.failure == null ? "no destination" : resolved.failure));
            if (command instanceof ControlCommand.Capture) {
                // Its own line was meant for its snapshot only; the active recording keeps it.
                int at = segment.command().lineIndex();
                slice(message, segments, new LineRange(at, at + 1))
                        .ifPresent(e -> append(e, effects, outcomes));
            }
            return;
        }
        ApprovedPath dest = resolved.path;
        String key = dest.target().toString();
        if (!state.recordingIds().containsKey(key)) {
            state = state.withId(key, newIds.get());
        }
        UUID id = state.recordingIds().get(key);
        switch (command) {
            case ControlCommand.Init _ -> {
                effects.add(new RecordingEffect.EnsureFile(dest, id));
                state = state.withPrimary(key).recordingAt(null);
                active = null;
                outcomes.add(new CommandOutcome.Applied(line, name, key, false));
            }
            case ControlCommand.StartRecording _ -> {
                boolean already = key.equals(state.recordingAt());
                state = state.withPrimary(key).recordingAt(key);
                active = dest;
                outcomes.add(new CommandOutcome.Applied(line, name, key, already));
            }
            case ControlCommand.Capture _ -> {
                effects.add(
                        new RecordingEffect.Snapshot(
                                dest,
                                id,
                                message.meta().eventId(),
                                sliceMessage(message, segments, segment.snapshot())));
                state = state.withPrimary(key).recordingAt(key);
                active = dest;
                outcomes.add(new CommandOutcome.Applied(line, name, key, false));
            }
            case ControlCommand.Export _ -> {
                effects.add(
                        new RecordingEffect.Snapshot(
                                dest,
                                id,
                                message.meta().eventId(),
                                sliceMessage(message, segments, segment.snapshot())));
                outcomes.add(new CommandOutcome.Applied(line, name, key, false));
            }
            case ControlCommand.Stop _ -> throw new IllegalStateException("handled above");
        }
    }

    /** A command's destination: its argument, else the primary, else a new default. */
    private Resolved resolve(Optional<PathArgument> argument) {
        String path;
        if (argument.isPresent()) {
            switch (argument.get()) {
                case PathArgument.Absolute a -> path = a.path();
                case PathArgument.NotAbsolute n -> {
                    return Resolved.failed(
                            "the path must be absolute ("
                                    + n.reason().name().toLowerCase(java.util.Locale.ROOT)
                                    + ")");
                }
            }
        } else {
            path = state.tryPrimary().orElseGet(destinations::newDefault);
        }
        return switch (destinations.decide(path)) {
            case PathDecision.Allowed a -> new Resolved(a.path(), null);
            case PathDecision.Denied d ->
                    Resolved.failed("denied by the write policy: " + d.reason().name());
        };
    }

    /** Sends an event to the active recording, if there is one. */
    private void append(
            ConversationEvent event, List<RecordingEffect> effects, List<CommandOutcome> outcomes) {
        if (state.recordingAt() == null) {
            return;
        }
        if (active == null) {
            switch (destinations.decide(state.recordingAt())) {
                case PathDecision.Allowed a -> active = a.path();
                case PathDecision.Denied d -> {
                    outcomes.add(
                            new CommandOutcome.Failed(
                                    0,
                                    "record",
                                    "recording stopped: the write policy now denies its destination ("
                                            + d.reason().name()
                                            + ")"));
                    state = state.recordingAt(null);
                    return;
                }
            }
        }
        effects.add(
                new RecordingEffect.Append(
                        active, state.recordingIds().get(state.recordingAt()), event));
    }

    private static Optional<UserMessage> sliceMessage(
            UserMessage message, MessageSegments segments, Optional<LineRange> range) {
        return range.flatMap(r -> slice(message, segments, r));
    }

    /**
     * The lines {@code range} of a message as a message of its own, with an id naming the lines.
     */
    private static Optional<UserMessage> slice(
            UserMessage message, MessageSegments segments, LineRange range) {
        if (range.isEmpty()) {
            return Optional.empty();
        }
        EventMeta m = message.meta();
        EventId id =
                new EventId(m.eventId().value() + "#lines:" + range.start() + "-" + range.end());
        EventMeta meta =
                new EventMeta(
                        id,
                        m.provider(),
                        m.sessionId(),
                        m.timestamp(),
                        m.turnId(),
                        m.providerEventType(),
                        m.providerEventId(),
                        m.agentId());
        return Optional.of(new UserMessage(meta, segments.text(range), message.origin()));
    }

    private static String commandName(ControlCommand command) {
        return switch (command) {
            case ControlCommand.Init _ -> "init";
            case ControlCommand.StartRecording _ -> "record";
            case ControlCommand.Capture _ -> "capture";
            case ControlCommand.Export _ -> "export";
            case ControlCommand.Stop _ -> "stop";
        };
    }

    private record Resolved(@Nullable ApprovedPath path, @Nullable String failure) {
        static Resolved failed(String reason) {
            return new Resolved(null, reason);
        }
    }
}

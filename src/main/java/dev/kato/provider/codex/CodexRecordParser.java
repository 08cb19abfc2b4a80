package dev.kato.provider.codex;

import dev.kato.event.ConversationEvent;
import dev.kato.event.ProviderInfo;
import dev.kato.event.UtcTimestamps;
import dev.kato.json.JsonLimits;
import dev.kato.json.JsonValue;
import dev.kato.provider.Anomaly;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParseSink;
import dev.kato.provider.RawLine;
import dev.kato.provider.RecordParser;
import java.time.DateTimeException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Turns the records of one Codex rollout into canonical events. Understands the enveloped format
 * ({@code {timestamp, type, payload}}, {@code type} one of {@code session_meta}, {@code
 * turn_context}, {@code response_item}, {@code event_msg}, {@code compacted}) and the legacy bare
 * format (a first line {@code {id, timestamp, instructions?}}, then bare response items). Unknown
 * types yield nothing. Every event carries its own line's {@code timestamp}, or none.
 */
final class CodexRecordParser implements RecordParser {
    private static final ParseSink MUTED =
            new ParseSink() {
                @Override
                public void event(ConversationEvent event) {}

                @Override
                public void anomaly(Anomaly anomaly) {}
            };

    private final SessionState state;
    private final ResponseItems responseItems;
    private final EventMessages eventMessages;
    private final UserMessages users;
    private final long emitFrom;
    private boolean firstRecord = true;

    CodexRecordParser(ParseContext ctx, JsonLimits limits) {
        this(ctx, limits, 0);
    }

    /**
     * @param emitFrom lines starting before this offset only update state (a resume replay)
     */
    CodexRecordParser(ParseContext ctx, JsonLimits limits, long emitFrom) {
        this.state = new SessionState(ctx);
        this.users = new UserMessages(state);
        AssistantTexts assistant = new AssistantTexts(state);
        ReasoningTexts reasoning = new ReasoningTexts(state);
        ToolCalls tools = new ToolCalls(state, new EmbeddedJson(limits));
        this.responseItems = new ResponseItems(assistant, reasoning, tools, users);
        this.eventMessages = new EventMessages(state, users, assistant, reasoning);
        this.emitFrom = emitFrom;
    }

    @Override
    public void onRecord(JsonValue record, RawLine raw, ParseSink sink) {
        boolean first = firstRecord;
        firstRecord = false;
        String type = record.get("type").stringOr("");
        JsonValue payload = record.get("payload");
        String payloadType = payload.get("type").stringOr("");
        String eventType = payloadType.isEmpty() ? type : type + "/" + payloadType;
        if (first && isLegacyHeader(record)) {
            state.markLegacy();
            eventType = "legacy_header";
        } else if (state.isLegacy() && payload.isMissing() && !type.isEmpty()) {
            eventType = "response_item/" + type;
        }
        LineEvents line = new LineEvents(state, raw, timestampOf(record), eventType);
        dispatch(type, record, line);
        line.emitTo(raw.startOffset() < emitFrom ? MUTED : sink);
    }

    private void dispatch(String type, JsonValue record, LineEvents line) {
        JsonValue payload = record.get("payload");
        if (state.isLegacy() && payload.isMissing()) {
            if (type.isEmpty() && !state.isIdentified()) {
                onLegacyHeader(record, line);
            } else if (!type.isEmpty()) {
                responseItems.onItem(type, record, true, line);
            }
            return;
        }
        if (!payload.isObject()) {
            return;
        }
        String payloadType = payload.get("type").stringOr("");
        switch (type) {
            case "session_meta" -> onSessionMeta(payload, line);
            case "turn_context" -> onTurnContext(payload);
            case "response_item" -> responseItems.onItem(payloadType, payload, false, line);
            case "event_msg" -> eventMessages.onEvent(payloadType, payload, line);
            case "compacted" -> users.onCompacted(payload, line);
            default -> {
                // world_state, inter_agent_communication and future types.
            }
        }
    }

    /** The first session header sets the identity; a replayed parent header changes nothing. */
    private void onSessionMeta(JsonValue payload, LineEvents line) {
        @Nullable String id =
                payload.get("id")
                        .tryString()
                        .or(() -> payload.get("session_id").tryString())
                        .orElse(null);
        Instant start = parseInstant(payload.get("timestamp"));
        JsonValue source = payload.get("source");
        boolean forked = payload.get("forked_from_id").isString();
        boolean fresh =
                state.identify(
                        id,
                        start != null ? start : line.timestamp(),
                        SourceKind.of(source),
                        forked);
        if (!fresh) {
            return;
        }
        if (!source.isMissing()) {
            String value = SourceKind.describe(source);
            line.add("source", meta -> new ProviderInfo(meta, ProviderInfo.SOURCE, value));
        }
        String cwd = payload.get("cwd").stringOr("");
        if (!cwd.isEmpty()) {
            line.add("cwd", meta -> new ProviderInfo(meta, ProviderInfo.CWD, cwd));
        }
    }

    private void onTurnContext(JsonValue payload) {
        JsonValue collaborationModel =
                payload.get("collaboration_mode").get("settings").get("model");
        state.onTurnContext(
                payload.get("model").tryString().or(collaborationModel::tryString).orElse(null));
    }

    private void onLegacyHeader(JsonValue record, LineEvents line) {
        state.identify(
                record.get("id").stringOrNull(), line.timestamp(), SourceKind.INTERACTIVE, false);
    }

    /** A bare {@code {id, timestamp, instructions?}} first line, with no envelope. */
    private static boolean isLegacyHeader(JsonValue record) {
        return record.get("type").isMissing()
                && record.get("payload").isMissing()
                && record.get("id").isString();
    }

    private static @Nullable Instant timestampOf(JsonValue record) {
        return parseInstant(record.get("timestamp"));
    }

    private static @Nullable Instant parseInstant(JsonValue value) {
        String text = value.stringOrNull();
        if (text == null) {
            return null;
        }
        try {
            return UtcTimestamps.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "CodexRecordParser[" + state + "]";
    }
}

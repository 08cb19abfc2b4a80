package dev.kato.vault;

import dev.kato.event.AssistantMessage;
import dev.kato.event.AssistantPhase;
import dev.kato.event.ConversationEvent;
import dev.kato.event.Decision;
import dev.kato.event.DecisionOption;
import dev.kato.event.DecisionStatus;
import dev.kato.event.EventId;
import dev.kato.event.EventKind;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.event.ProviderInfo;
import dev.kato.event.SystemNotice;
import dev.kato.event.Thinking;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import dev.kato.json.JsonLimits;
import dev.kato.json.JsonTreeReader;
import dev.kato.json.JsonValue;
import dev.kato.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one canonical JSONL line (exactly what {@code JsonlRenderer} writes, {@code
 * conversationSchemaVersion} 2) back into the event it came from. Strict: the fields of each kind
 * must be present in the canonical order with the canonical types, and nothing else may appear.
 * Total: every input yields an {@link EventReadResult}; no exception escapes. Thread-safe.
 */
public final class JsonlEventReader {
    /** The largest line accepted, in bytes. */
    public static final int MAX_LINE_BYTES = 256 * 1024 * 1024;

    /** The only {@code conversationSchemaVersion} this reader understands. */
    public static final int SCHEMA_VERSION = 2;

    private static final JsonTreeReader JSON =
            new JsonTreeReader(new JsonLimits(8, MAX_LINE_BYTES, MAX_LINE_BYTES));

    /** Reads a line given as bytes; one trailing {@code \n} is allowed. */
    public EventReadResult read(byte[] bytes, int off, int len) {
        if (off < 0 || len < 0 || off > bytes.length - len) {
            throw new IndexOutOfBoundsException("bad offset or length");
        }
        int end = off + len;
        if (end > off && bytes[end - 1] == '\n') {
            end--;
        }
        if (end - off > MAX_LINE_BYTES) {
            return new EventReadResult.Rejected("line longer than " + MAX_LINE_BYTES + " bytes");
        }
        try {
            JsonValue root = JSON.read(bytes, off, end - off);
            if (root instanceof JsonValue.Obj
                    && CanonicalFields.mayHoldLoneSurrogate(bytes, off, end)) {
                CanonicalFields.rejectLoneSurrogates(root, "");
            }
            return new EventReadResult.Parsed(toEvent(root));
        } catch (MalformedJsonException e) {
            return new EventReadResult.Rejected("not valid JSON (" + e.getMessage() + ")");
        } catch (RejectedLine e) {
            return new EventReadResult.Rejected(e.getMessage());
        } catch (RuntimeException e) {
            // Event constructors validate too (id length, accepted decisions); their messages may
            // quote content, so only the type is kept.
            return new EventReadResult.Rejected(
                    "values rejected by the event model (" + e.getClass().getSimpleName() + ")");
        }
    }

    public EventReadResult read(byte[] bytes) {
        return read(bytes, 0, bytes.length);
    }

    public EventReadResult read(String line) {
        return read(line.getBytes(StandardCharsets.UTF_8));
    }

    private static ConversationEvent toEvent(JsonValue root) throws RejectedLine {
        if (!(root instanceof JsonValue.Obj obj)) {
            throw new RejectedLine("not a JSON object");
        }
        JsonValue version = obj.get("conversationSchemaVersion");
        if (!(version instanceof JsonValue.Num(String literal))
                || !literal.equals(Integer.toString(SCHEMA_VERSION))) {
            throw new RejectedLine("unsupported conversationSchemaVersion");
        }
        EventKind kind = kindOf(CanonicalFields.str(obj, "kind"));
        boolean hasAgent = obj.fields().containsKey("agentId");
        CanonicalFields.checkLayout(obj, CanonicalFields.layout(kind, hasAgent));
        EventMeta meta = meta(obj, hasAgent);
        return body(kind, meta, obj);
    }

    private static EventMeta meta(JsonValue.Obj obj, boolean hasAgent) throws RejectedLine {
        JsonValue.Obj source = CanonicalFields.obj(obj, "source");
        CanonicalFields.checkLayout(source, List.of("providerEventType", "providerEventId"));
        Provider provider =
                Provider.tryParse(CanonicalFields.str(obj, "provider"))
                        .orElseThrow(() -> new RejectedLine("unknown provider"));
        String eventId = CanonicalFields.str(obj, "eventId");
        if (eventId.isEmpty() || eventId.length() > 512) {
            throw new RejectedLine("eventId length out of range");
        }
        return new EventMeta(
                new EventId(eventId),
                provider,
                CanonicalFields.str(obj, "sessionId"),
                CanonicalFields.timestampOrNull(obj, "timestamp"),
                CanonicalFields.strOrNull(obj, "turnId"),
                CanonicalFields.str(source, "providerEventType"),
                CanonicalFields.str(source, "providerEventId"),
                hasAgent ? CanonicalFields.str(obj, "agentId") : null);
    }

    private static ConversationEvent body(EventKind kind, EventMeta meta, JsonValue.Obj o)
            throws RejectedLine {
        return switch (kind) {
            case USER_MESSAGE ->
                    new UserMessage(
                            meta,
                            CanonicalFields.str(o, "text"),
                            origin(CanonicalFields.str(o, "origin")));
            case ASSISTANT_MESSAGE ->
                    new AssistantMessage(
                            meta,
                            CanonicalFields.str(o, "text"),
                            CanonicalFields.strOrNull(o, "model"),
                            phase(CanonicalFields.str(o, "phase")));
            case THINKING ->
                    new Thinking(
                            meta,
                            CanonicalFields.str(o, "text"),
                            CanonicalFields.strOrNull(o, "model"));
            case TOOL_CALL ->
                    new ToolCall(
                            meta,
                            CanonicalFields.str(o, "toolCallId"),
                            CanonicalFields.str(o, "name"),
                            CanonicalFields.str(o, "description"),
                            CanonicalFields.str(o, "input"),
                            CanonicalFields.strOrNull(o, "model"));
            case TOOL_RESULT ->
                    new ToolResult(
                            meta,
                            CanonicalFields.str(o, "toolCallId"),
                            CanonicalFields.str(o, "text"),
                            CanonicalFields.bool(o, "isError"));
            case DECISION -> decision(meta, o);
            case SYSTEM_NOTICE ->
                    new SystemNotice(
                            meta,
                            CanonicalFields.str(o, "subtype"),
                            CanonicalFields.str(o, "text"));
            case PROVIDER_INFO ->
                    new ProviderInfo(
                            meta,
                            CanonicalFields.str(o, "infoType"),
                            CanonicalFields.str(o, "value"));
        };
    }

    private static Decision decision(EventMeta meta, JsonValue.Obj o) throws RejectedLine {
        DecisionStatus status = status(CanonicalFields.str(o, "status"));
        String answer = CanonicalFields.strOrNull(o, "answer");
        if (status == DecisionStatus.ACCEPTED && answer == null) {
            throw new RejectedLine("accepted decision without an answer");
        }
        List<DecisionOption> options = new ArrayList<>();
        for (JsonValue item : CanonicalFields.arr(o, "options")) {
            if (!(item instanceof JsonValue.Obj option)) {
                throw new RejectedLine("decision option is not an object");
            }
            CanonicalFields.checkLayout(option, List.of("label", "description"));
            options.add(
                    new DecisionOption(
                            CanonicalFields.str(option, "label"),
                            CanonicalFields.str(option, "description")));
        }
        Decision d =
                new Decision(
                        meta,
                        CanonicalFields.str(o, "decisionKey"),
                        status,
                        CanonicalFields.str(o, "summary"),
                        CanonicalFields.str(o, "question"),
                        options,
                        answer);
        if (!d.decidedBy().equals(CanonicalFields.str(o, "decidedBy"))) {
            throw new RejectedLine("decidedBy does not match status");
        }
        return d;
    }

    static EventKind kindOf(String wire) throws RejectedLine {
        for (EventKind k : EventKind.values()) {
            if (k.wireName().equals(wire)) {
                return k;
            }
        }
        throw new RejectedLine("unknown kind");
    }

    private static UserOrigin origin(String wire) throws RejectedLine {
        for (UserOrigin o : UserOrigin.values()) {
            if (o.wireName().equals(wire)) {
                return o;
            }
        }
        throw new RejectedLine("unknown user origin");
    }

    static AssistantPhase phase(String wire) throws RejectedLine {
        for (AssistantPhase p : AssistantPhase.values()) {
            if (p.wireName().equals(wire)) {
                return p;
            }
        }
        throw new RejectedLine("unknown assistant phase");
    }

    private static DecisionStatus status(String wire) throws RejectedLine {
        for (DecisionStatus s : DecisionStatus.values()) {
            if (s.wireName().equals(wire)) {
                return s;
            }
        }
        throw new RejectedLine("unknown decision status");
    }

    @Override
    public String toString() {
        return "JsonlEventReader[v" + SCHEMA_VERSION + "]";
    }
}

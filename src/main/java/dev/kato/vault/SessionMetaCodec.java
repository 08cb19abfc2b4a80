package dev.kato.vault;

import dev.kato.event.Provider;
import dev.kato.event.SessionKey;
import dev.kato.json.JsonValue;
import dev.kato.state.InvalidStateException;
import dev.kato.state.StateCodec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code meta.json} schema version 1. Decoding is strict (every field, no others) and checks that
 * the recorded session is the one its directory is named after.
 */
final class SessionMetaCodec implements StateCodec<SessionMeta> {
    static final int SCHEMA_VERSION = 1;
    private static final List<String> FIELDS =
            List.of(
                    "katoSessionId",
                    "provider",
                    "providerSessionId",
                    "providerTitle",
                    "firstUserText",
                    "firstEventTime",
                    "lastEventTime",
                    "eventCount",
                    "eventsBytes",
                    "providerLogs");
    private static final int MAX_LOGS = 100_000;

    private final UUID expectedSession;

    SessionMetaCodec(UUID expectedSession) {
        this.expectedSession = expectedSession;
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    @Override
    public JsonValue.Obj encode(SessionMeta m) {
        Map<String, JsonValue> f = new LinkedHashMap<>();
        f.put("katoSessionId", new JsonValue.Str(m.key().katoSessionId().toString()));
        f.put("provider", new JsonValue.Str(m.key().provider().id()));
        f.put("providerSessionId", new JsonValue.Str(m.key().providerSessionId()));
        f.put("providerTitle", strOrNull(m.providerTitle()));
        f.put("firstUserText", strOrNull(m.firstUserText()));
        f.put("firstEventTime", time(m.firstEventTime()));
        f.put("lastEventTime", time(m.lastEventTime()));
        f.put("eventCount", new JsonValue.Num(Long.toString(m.eventCount())));
        f.put("eventsBytes", new JsonValue.Num(Long.toString(m.eventsBytes())));
        List<JsonValue> logs = new ArrayList<>();
        for (Map.Entry<String, @Nullable String> e : m.providerLogs().entrySet()) {
            Map<String, JsonValue> log = new LinkedHashMap<>();
            log.put("path", new JsonValue.Str(e.getKey()));
            log.put("cursor", strOrNull(e.getValue()));
            logs.add(new JsonValue.Obj(log));
        }
        f.put("providerLogs", new JsonValue.Arr(logs));
        return new JsonValue.Obj(f);
    }

    @Override
    public SessionMeta decode(JsonValue.Obj o) throws InvalidStateException {
        if (!new ArrayList<>(o.fields().keySet()).equals(FIELDS)) {
            throw new InvalidStateException("fields differ from meta.json schema 1");
        }
        Provider provider =
                Provider.tryParse(str(o, "provider"))
                        .orElseThrow(() -> new InvalidStateException("unknown provider"));
        String providerSessionId = str(o, "providerSessionId");
        if (providerSessionId.isEmpty()) {
            throw new InvalidStateException("providerSessionId is empty");
        }
        SessionKey key = new SessionKey(provider, providerSessionId);
        if (!key.katoSessionId().equals(expectedSession)
                || !str(o, "katoSessionId").equals(expectedSession.toString())) {
            throw new InvalidStateException("session identity does not match its directory");
        }
        long count = nonNegative(o, "eventCount");
        long bytes = nonNegative(o, "eventsBytes");
        if (count > bytes) {
            throw new InvalidStateException("eventCount exceeds eventsBytes");
        }
        return new SessionMeta(
                key,
                strOrNull(o, "providerTitle"),
                strOrNull(o, "firstUserText"),
                timeOrNull(o, "firstEventTime"),
                timeOrNull(o, "lastEventTime"),
                count,
                bytes,
                logs(o));
    }

    private static SortedMap<String, @Nullable String> logs(JsonValue.Obj o)
            throws InvalidStateException {
        if (!(o.get("providerLogs") instanceof JsonValue.Arr(List<JsonValue> items))) {
            throw new InvalidStateException("providerLogs is not an array");
        }
        if (items.size() > MAX_LOGS) {
            throw new InvalidStateException("too many providerLogs");
        }
        SortedMap<String, @Nullable String> logs = new TreeMap<>();
        for (JsonValue item : items) {
            if (!(item instanceof JsonValue.Obj log)
                    || !new ArrayList<>(log.fields().keySet()).equals(List.of("path", "cursor"))) {
                throw new InvalidStateException("providerLogs entry is not {path, cursor}");
            }
            String path = str(log, "path");
            String cursor = strOrNull(log, "cursor");
            if (!path.startsWith("/") || path.indexOf('\0') >= 0) {
                throw new InvalidStateException("providerLogs path is not absolute");
            }
            if (cursor != null && cursor.length() > SessionMetaUpdate.MAX_CURSOR_CHARS) {
                throw new InvalidStateException("providerLogs cursor is too long");
            }
            if (logs.containsKey(path)) {
                throw new InvalidStateException("providerLogs path is listed twice");
            }
            logs.put(path, cursor);
        }
        return logs;
    }

    private static JsonValue strOrNull(@Nullable String s) {
        return s == null ? JsonValue.NULL : new JsonValue.Str(s);
    }

    private static JsonValue time(@Nullable Instant t) {
        return t == null ? JsonValue.NULL : new JsonValue.Str(CanonicalFields.formatTimestamp(t));
    }

    private static String str(JsonValue.Obj o, String name) throws InvalidStateException {
        if (o.get(name) instanceof JsonValue.Str s) {
            return s.value();
        }
        throw new InvalidStateException(name + " is not a string");
    }

    private static @Nullable String strOrNull(JsonValue.Obj o, String name)
            throws InvalidStateException {
        JsonValue v = o.get(name);
        return v instanceof JsonValue.Null ? null : str(o, name);
    }

    private static @Nullable Instant timeOrNull(JsonValue.Obj o, String name)
            throws InvalidStateException {
        String s = strOrNull(o, name);
        if (s == null) {
            return null;
        }
        try {
            return CanonicalFields.parseTimestamp(s);
        } catch (DateTimeParseException e) {
            throw new InvalidStateException(name + " is not a UTC timestamp");
        }
    }

    private static long nonNegative(JsonValue.Obj o, String name) throws InvalidStateException {
        if (o.get(name) instanceof JsonValue.Num(String literal)
                && literal.matches("0|[1-9][0-9]{0,17}")) {
            return Long.parseLong(literal);
        }
        throw new InvalidStateException(name + " is not a non-negative integer");
    }
}

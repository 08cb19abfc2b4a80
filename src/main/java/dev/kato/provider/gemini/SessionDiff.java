package dev.kato.provider.gemini;

import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.event.UserOrigin;
import dev.kato.json.JsonText;
import dev.kato.json.JsonValue;
import dev.kato.provider.Anomaly;
import dev.kato.provider.AnomalyKind;
import dev.kato.provider.ParseSink;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Emits the parts of each message copy that were not emitted before, whichever format the copy came
 * from. A new part gets the id {@code gemini:<session>/<message>#<part>}; a part whose content
 * changed gets a revision {@code …#<part>@<first 8 hex of SHA-256 of its new text>}. No id is ever
 * emitted twice.
 *
 * <p>Turns: a user row that is not a tool response opens a turn named by its message id. Every
 * message carries the turn that was open when the message was first seen (the latest turn-opening
 * message seen for the first time before it), so later copies keep their turn.
 *
 * <p>A user text that first arrived through a {@code $set.messages} rewrite, and any human text
 * that is not in the first copy of its message (a revision, a part a later copy added, text a
 * rewrite brought), is marked {@link UserOrigin#HISTORY_REWRITE}: the person typed the original,
 * not the rewrite.
 */
final class SessionDiff {
    private static final String REWIND_TEXT = "conversation rewound";

    /** Bounds that keep every event id under {@link EventId}'s 512 characters. */
    private static final int MAX_NATIVE = 250;

    private static final int MAX_PART = 240;

    private static final int MAX_MESSAGE_ID = 200;

    private final EmissionLedger ledger = new EmissionLedger();
    private @Nullable String currentTurn;

    /**
     * Handles one copy of a message record.
     *
     * @param viaRewrite true when the copy is part of a {@code $set.messages} history rewrite
     * @param offset where the record starts, for anomalies (-1 for a whole document)
     */
    void message(
            SessionFacts facts,
            JsonValue message,
            boolean viaRewrite,
            long offset,
            ParseSink sink) {
        String type = message.get("type").stringOrNull();
        if (type == null) {
            String detail =
                    message.isObject() ? "message without a type" : "message is not an object";
            sink.anomaly(new Anomaly(AnomalyKind.UNEXPECTED_SHAPE, offset, detail));
            return;
        }
        String id = messageId(message);
        String key = nativeId(facts, id);
        boolean firstCopy = !ledger.isKnown(key);
        if (firstCopy && MessageParts.opensTurn(message, type)) {
            currentTurn = id;
        }
        EmissionLedger.MessageMemory memory = ledger.remember(key, currentTurn, viaRewrite);
        Source source =
                new Source(
                        facts,
                        key,
                        type,
                        id,
                        GeminiContent.instant(message.get("timestamp")),
                        memory.turnId());
        List<Part> parts = MessageParts.of(message, type, facts.subAgent());
        emit(memory, source, parts, firstCopy && !viaRewrite, sink);
    }

    /** The session title ({@code summary}); a changed title is emitted as a revision. */
    void title(
            SessionFacts facts,
            String title,
            @Nullable Instant at,
            String providerEventType,
            ParseSink sink) {
        EmissionLedger.MessageMemory memory = ledger.remember("$summary", null, false);
        String sessionKey = bounded(facts.sessionId(), MAX_NATIVE);
        Source source = new Source(facts, sessionKey, providerEventType, sessionKey, at, null);
        emit(
                memory,
                source,
                List.of(Part.of("title", new PartBody.Info("title", title))),
                false,
                sink);
    }

    /** A {@code $rewindTo} row: a content-free notice; everything emitted stays emitted. */
    void rewind(SessionFacts facts, String rawTargetId, ParseSink sink) {
        String targetId = bounded(rawTargetId, MAX_MESSAGE_ID);
        String key = nativeId(facts, targetId);
        EmissionLedger.MessageMemory memory = ledger.remember("$rewindTo/" + key, null, false);
        Source source = new Source(facts, key, "$rewindTo", targetId, null, null);
        Part notice = Part.of("rewind", new PartBody.Notice("rewind", REWIND_TEXT));
        emit(memory, source, List.of(notice), false, sink);
        if (targetId.equals(currentTurn)) {
            currentTurn = null;
        }
    }

    /**
     * Emits the new and changed parts of one copy of a record.
     *
     * @param humanAllowed true only for the first copy of a message, read from the log itself (not
     *     from a rewrite): the only copy whose typed text may stay human
     */
    private void emit(
            EmissionLedger.MessageMemory memory,
            Source source,
            List<Part> parts,
            boolean humanAllowed,
            ParseSink sink) {
        for (Part part : parts) {
            long hash = part.body().contentHash();
            EmissionLedger.Change change = memory.record(part.key(), hash);
            if (change == EmissionLedger.Change.UNCHANGED
                    || isRepeatedToolResult(part.body(), hash)) {
                continue;
            }
            String partKey =
                    change == EmissionLedger.Change.NEW
                            ? part.key()
                            : part.key() + "@" + ContentDigest.hex8(part.body().text());
            PartBody body = relabel(part.body(), memory.introducedByRewrite(), humanAllowed);
            emitPart(source, part, partKey, body, sink);
        }
    }

    /**
     * User text becomes {@link UserOrigin#HISTORY_REWRITE} when its message first came through a
     * history rewrite, and human-typed text does too unless it is in the first copy of its message
     * read from the log itself: a revision, a part added by a later copy, or text brought by a
     * rewrite was not typed into the prompt box as such.
     */
    private static PartBody relabel(
            PartBody body, boolean introducedByRewrite, boolean humanAllowed) {
        if (body instanceof PartBody.UserText u
                && (introducedByRewrite || (u.origin().isHumanTyped() && !humanAllowed))) {
            return u.withOrigin(UserOrigin.HISTORY_REWRITE);
        }
        return body;
    }

    /** True for a result already emitted, with equal content, for the same provider call id. */
    private boolean isRepeatedToolResult(PartBody body, long hash) {
        if (body instanceof PartBody.Result r && r.providerCallId()) {
            return !ledger.claimToolResult(hash);
        }
        return false;
    }

    private void emitPart(Source source, Part part, String partKey, PartBody body, ParseSink sink) {
        EventId id = EventId.of(Provider.GEMINI, source.nativeId(), bounded(partKey, MAX_PART));
        if (!ledger.claim(id)) {
            return;
        }
        Instant at = part.timestamp() != null ? part.timestamp() : source.timestamp();
        EventMeta meta =
                new EventMeta(
                        id,
                        Provider.GEMINI,
                        source.facts().sessionId(),
                        at,
                        source.turnId(),
                        source.providerEventType(),
                        source.providerEventId(),
                        source.facts().agentId());
        sink.event(body.toEvent(meta));
    }

    /**
     * The message {@code id} (bounded in length); a record without one is named by the hash of its
     * JSON.
     */
    private static String messageId(JsonValue message) {
        String id = message.get("id").stringOrNull();
        return id != null
                ? bounded(id, MAX_MESSAGE_ID)
                : "sha-" + ContentDigest.hex16(JsonText.compact(message));
    }

    /** {@code <session>/<message>}: the native id of a message's events and its ledger key. */
    private static String nativeId(SessionFacts facts, String messageId) {
        return bounded(facts.sessionId() + "/" + messageId, MAX_NATIVE);
    }

    /** The text itself when short enough, else a prefix and a hash of the whole. */
    static String bounded(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = max - 17;
        if (Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut) + "~" + ContentDigest.hex16(s);
    }

    /** Identity shared by the parts of one record. */
    private record Source(
            SessionFacts facts,
            String nativeId,
            String providerEventType,
            String providerEventId,
            @Nullable Instant timestamp,
            @Nullable String turnId) {}
}

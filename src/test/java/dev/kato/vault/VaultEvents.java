package dev.kato.vault;

import dev.kato.event.AssistantMessage;
import dev.kato.event.AssistantPhase;
import dev.kato.event.ConversationEvent;
import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.ProviderInfo;
import dev.kato.event.SessionKey;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import dev.kato.writer.JsonlRenderer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds canonical events for vault tests. */
final class VaultEvents {
    static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");
    private static final JsonlRenderer RENDERER = new JsonlRenderer();

    private VaultEvents() {}

    static EventMeta meta(SessionKey key, String nativeId, long second) {
        return new EventMeta(
                EventId.of(key.provider(), nativeId),
                key.provider(),
                key.providerSessionId(),
                T0.plusSeconds(second),
                null,
                "test",
                nativeId,
                null);
    }

    static UserMessage user(SessionKey key, String nativeId, long second, String text) {
        return new UserMessage(meta(key, nativeId, second), text, UserOrigin.HUMAN);
    }

    static AssistantMessage assistant(SessionKey key, String nativeId, long second, String text) {
        return new AssistantMessage(
                meta(key, nativeId, second), text, "model-x", AssistantPhase.UNSPECIFIED);
    }

    static ToolResult toolResult(SessionKey key, String nativeId, long second, String text) {
        return new ToolResult(meta(key, nativeId, second), "call-" + nativeId, text, false);
    }

    static ProviderInfo title(SessionKey key, String nativeId, String title) {
        return new ProviderInfo(meta(key, nativeId, 0), ProviderInfo.TITLE, title);
    }

    /** Alternating user/assistant events {@code e<from>} … {@code e<to-1>}. */
    static List<ConversationEvent> conversation(SessionKey key, int from, int to) {
        List<ConversationEvent> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(
                    i % 2 == 0
                            ? user(key, "e" + i, i, "question " + i)
                            : assistant(key, "e" + i, i, "answer " + i));
        }
        return out;
    }

    static String jsonl(List<? extends ConversationEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (ConversationEvent e : events) {
            sb.append(RENDERER.line(e));
        }
        return sb.toString();
    }
}

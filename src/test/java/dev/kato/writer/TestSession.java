package dev.kato.writer;

import dev.kato.event.AssistantMessage;
import dev.kato.event.AssistantPhase;
import dev.kato.event.ConversationEvent;
import dev.kato.event.Decision;
import dev.kato.event.DecisionOption;
import dev.kato.event.DecisionStatus;
import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.event.ProviderInfo;
import dev.kato.event.SystemNotice;
import dev.kato.event.Thinking;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds canonical event lists for writer tests: one provider session whose clock advances by a
 * fixed step per event (or not at all, after {@link #withoutTime()}).
 */
final class TestSession {
    private final Provider provider;
    private final String sessionId;
    private final List<ConversationEvent> events = new ArrayList<>();
    private @Nullable Instant next;
    private Duration step = Duration.ofSeconds(6);
    private @Nullable String turn;
    private int counter;

    TestSession(Provider provider, String sessionId, @Nullable Instant start) {
        this.provider = provider;
        this.sessionId = sessionId;
        this.next = start;
    }

    static TestSession claude() {
        return new TestSession(
                Provider.CLAUDE,
                "7f3c2a91-5d4e-4b8a-9c1f-2e6d8a0b4c73",
                Instant.parse("2026-02-21T15:44:14Z"));
    }

    static TestSession codex() {
        return new TestSession(
                Provider.CODEX, "sess-vscode-001", Instant.parse("2026-02-21T15:44:14Z"));
    }

    List<ConversationEvent> events() {
        return List.copyOf(events);
    }

    TestSession at(Instant time) {
        next = time;
        return this;
    }

    TestSession withoutTime() {
        next = null;
        return this;
    }

    TestSession step(Duration d) {
        step = d;
        return this;
    }

    TestSession turn(String turnId) {
        turn = turnId;
        return this;
    }

    TestSession user(String text) {
        return userFrom(UserOrigin.HUMAN, text);
    }

    TestSession userFrom(UserOrigin origin, String text) {
        return add(new UserMessage(meta("user"), text, origin));
    }

    TestSession assistant(@Nullable String model, String text) {
        return add(
                new AssistantMessage(meta("assistant"), text, model, AssistantPhase.UNSPECIFIED));
    }

    TestSession assistant(@Nullable String model, AssistantPhase phase, String text) {
        return add(new AssistantMessage(meta("assistant"), text, model, phase));
    }

    TestSession thinking(@Nullable String model, String text) {
        return add(new Thinking(meta("assistant"), text, model));
    }

    TestSession toolCall(String id, String name, String description, String inputJson) {
        return add(new ToolCall(meta("assistant"), id, name, description, inputJson, null));
    }

    TestSession toolResult(String id, String text) {
        return add(new ToolResult(meta("user"), id, text, false));
    }

    TestSession toolError(String id, String text) {
        return add(new ToolResult(meta("user"), id, text, true));
    }

    TestSession question(String key, String question, List<DecisionOption> options) {
        return add(
                new Decision(
                        meta("assistant"),
                        key,
                        DecisionStatus.PROPOSED,
                        question,
                        question,
                        options,
                        null));
    }

    TestSession answer(String key, String question, String answer) {
        return add(
                new Decision(
                        meta("user"),
                        key,
                        DecisionStatus.ACCEPTED,
                        question + " -> " + answer,
                        question,
                        List.of(),
                        answer));
    }

    TestSession notice(String subtype, String text) {
        return add(new SystemNotice(meta("system"), subtype, text));
    }

    TestSession info(String type, String value) {
        return add(new ProviderInfo(meta("session_meta"), type, value));
    }

    private TestSession add(ConversationEvent e) {
        events.add(e);
        return this;
    }

    private EventMeta meta(String type) {
        String nativeId = "rec-" + String.format("%04d", ++counter);
        Instant time = next;
        if (next != null) {
            next = next.plus(step);
        }
        return new EventMeta(
                EventId.of(provider, nativeId),
                provider,
                sessionId,
                time,
                turn,
                type,
                nativeId,
                null);
    }
}

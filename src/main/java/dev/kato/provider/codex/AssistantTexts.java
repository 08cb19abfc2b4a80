package dev.kato.provider.codex;

import dev.kato.event.AssistantMessage;
import dev.kato.event.AssistantPhase;
import dev.kato.json.JsonValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Assistant text, which Codex can write up to three times per answer: the {@code response_item}
 * message, its {@code agent_message} twin, and {@code task_complete.last_agent_message}. Each text
 * is emitted once per turn, from whichever copy comes first.
 */
final class AssistantTexts {
    private static final int MAX_REMEMBERED = 64;

    private final SessionState state;
    private final TwinFilter twins = new TwinFilter();
    private final ArrayDeque<String> emittedThisTurn = new ArrayDeque<>();

    AssistantTexts(SessionState state) {
        this.state = state;
    }

    /** A {@code response_item} message with role {@code assistant}. */
    void onResponseMessage(JsonValue payload, LineEvents line) {
        JsonValue phase = payload.get("phase");
        if (!phase.isMissing()) {
            state.markTurnSignals();
        }
        List<String> fresh = new ArrayList<>();
        for (String block : ContentText.blockTexts(payload.get("content"))) {
            if (!block.isBlank() && twins.admit(TwinFilter.Channel.RESPONSE_ITEM, block)) {
                fresh.add(block);
            }
        }
        emit(fresh, phaseOf(phase, AssistantPhase.UNSPECIFIED), line);
    }

    /**
     * An {@code event_msg} {@code agent_message}. Without a {@code phase} it is commentary in
     * builds that mark turns (many messages per turn) and unspecified in older ones, where the
     * single message of a turn was the answer.
     */
    void onAgentMessage(JsonValue payload, LineEvents line) {
        JsonValue phase = payload.get("phase");
        if (!phase.isMissing()) {
            state.markTurnSignals();
        }
        String text = payload.get("message").stringOr("");
        if (text.isBlank() || !twins.admit(TwinFilter.Channel.EVENT_MSG, text)) {
            return;
        }
        AssistantPhase fallback =
                state.hasTurnSignals() ? AssistantPhase.COMMENTARY : AssistantPhase.UNSPECIFIED;
        emit(List.of(text), phaseOf(phase, fallback), line);
    }

    /** {@code task_complete}: its last message is the final answer, unless already emitted. */
    void onTaskComplete(JsonValue payload, LineEvents line) {
        state.markTurnSignals();
        String text = payload.get("last_agent_message").stringOr("");
        if (text.isBlank() || emittedThisTurn.contains(text.strip())) {
            return;
        }
        emit(List.of(text), AssistantPhase.FINAL, line);
    }

    /** A new turn: twins and repeats are matched within a turn only. */
    void onTurnStarted() {
        twins.clear();
        emittedThisTurn.clear();
    }

    private void emit(List<String> texts, AssistantPhase phase, LineEvents line) {
        String text = ContentText.paragraphs(texts);
        if (text.isEmpty()) {
            return;
        }
        for (String t : texts) {
            remember(t.strip());
        }
        remember(text.strip());
        @Nullable String model = state.model();
        line.add("message", meta -> new AssistantMessage(meta, text, model, phase));
    }

    private void remember(String text) {
        emittedThisTurn.addLast(text);
        if (emittedThisTurn.size() > MAX_REMEMBERED) {
            emittedThisTurn.removeFirst();
        }
    }

    private static AssistantPhase phaseOf(JsonValue phase, AssistantPhase fallback) {
        return switch (phase.stringOr("")) {
            case "commentary" -> AssistantPhase.COMMENTARY;
            case "final_answer" -> AssistantPhase.FINAL;
            default -> fallback;
        };
    }

    @Override
    public String toString() {
        return "AssistantTexts[remembered=" + emittedThisTurn.size() + "]";
    }
}

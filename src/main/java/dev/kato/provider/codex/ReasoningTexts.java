package dev.kato.provider.codex;

import dev.kato.event.Thinking;
import dev.kato.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reasoning: the {@code response_item} {@code reasoning} summary (and plain reasoning content, if
 * any) and its {@code event_msg} twins {@code agent_reasoning} / {@code
 * agent_reasoning_raw_content}, one per summary part. Each part is emitted once; {@code
 * encrypted_content} is never read.
 */
final class ReasoningTexts {
    private final SessionState state;
    private final TwinFilter twins = new TwinFilter();

    ReasoningTexts(SessionState state) {
        this.state = state;
    }

    void onReasoningItem(JsonValue payload, LineEvents line) {
        List<String> parts = new ArrayList<>();
        for (JsonValue s : payload.get("summary").elements()) {
            s.tryString().or(() -> s.get("text").tryString()).ifPresent(parts::add);
        }
        parts.addAll(ContentText.blockTexts(payload.get("content")));
        for (JsonValue c : payload.get("content").elements()) {
            if ("reasoning_text".equals(c.get("type").stringOrNull())) {
                c.get("text").tryString().ifPresent(parts::add);
            }
        }
        List<String> fresh = new ArrayList<>();
        for (String part : parts) {
            if (!part.isBlank() && twins.admit(TwinFilter.Channel.RESPONSE_ITEM, part)) {
                fresh.add(part);
            }
        }
        emit(ContentText.paragraphs(fresh), line);
    }

    /** {@code agent_reasoning} or {@code agent_reasoning_raw_content}. */
    void onAgentReasoning(JsonValue payload, LineEvents line) {
        String text = payload.get("text").stringOr("");
        if (!text.isBlank() && twins.admit(TwinFilter.Channel.EVENT_MSG, text)) {
            emit(text, line);
        }
    }

    void onTurnStarted() {
        twins.clear();
    }

    private void emit(String text, LineEvents line) {
        if (text.isEmpty()) {
            return;
        }
        @Nullable String model = state.model();
        line.add("thinking", meta -> new Thinking(meta, text, model));
    }

    @Override
    public String toString() {
        return "ReasoningTexts";
    }
}

package dev.kato.provider.codex;

import dev.kato.event.ProviderInfo;
import dev.kato.event.SystemNotice;
import dev.kato.json.JsonValue;

/**
 * {@code event_msg} payloads: the harness's record of the session. Only {@code user_message} holds
 * what a person typed. Twins of response items ({@code agent_message}, {@code agent_reasoning},
 * {@code exec_command_end}, …) are not emitted a second time; bookkeeping events ({@code
 * token_count}, {@code task_started}, …) yield nothing themselves.
 */
final class EventMessages {
    private final SessionState state;
    private final UserMessages users;
    private final AssistantTexts assistant;
    private final ReasoningTexts reasoning;

    EventMessages(
            SessionState state,
            UserMessages users,
            AssistantTexts assistant,
            ReasoningTexts reasoning) {
        this.state = state;
        this.users = users;
        this.assistant = assistant;
        this.reasoning = reasoning;
    }

    void onEvent(String type, JsonValue payload, LineEvents line) {
        switch (type) {
            case "user_message" -> users.onUserMessage(payload, line);
            case "agent_message" -> assistant.onAgentMessage(payload, line);
            case "agent_reasoning", "agent_reasoning_raw_content" ->
                    reasoning.onAgentReasoning(payload, line);
            case "task_started", "turn_started" -> onTurnStarted(payload, line);
            case "task_complete", "turn_complete" -> assistant.onTaskComplete(payload, line);
            case "turn_aborted" -> notice(line, "turn_aborted", payload.get("reason"));
            case "error" -> notice(line, "error", payload.get("message"));
            case "thread_name_updated" -> onThreadName(payload, line);
            default -> {
                // token_count, context_compacted, tool-end twins, review mode, future types.
            }
        }
    }

    private void onTurnStarted(JsonValue payload, LineEvents line) {
        state.onTurnStarted(payload.get("turn_id").stringOrNull(), line.timestamp());
        assistant.onTurnStarted();
        reasoning.onTurnStarted();
    }

    private void onThreadName(JsonValue payload, LineEvents line) {
        String name =
                payload.get("thread_name")
                        .tryString()
                        .or(() -> payload.get("name").tryString())
                        .orElse("");
        if (!name.isBlank()) {
            line.add("title", meta -> new ProviderInfo(meta, ProviderInfo.TITLE, name));
        }
    }

    private static void notice(LineEvents line, String subtype, JsonValue text) {
        String value = text.isMissing() ? "" : ContentText.outputText(text).value();
        line.add(subtype, meta -> new SystemNotice(meta, subtype, value));
    }

    @Override
    public String toString() {
        return "EventMessages";
    }
}

package dev.kato.provider.codex;

import dev.kato.json.JsonValue;

/**
 * {@code response_item} payloads (and the bare items of legacy files): assistant messages,
 * reasoning and tool calls. Messages with role {@code user}, {@code developer} or {@code system}
 * yield nothing in enveloped files: they carry injected context (AGENTS.md, environment,
 * permissions, shell output) or duplicate the {@code event_msg} {@code user_message}, which is the
 * one record of what a person typed.
 */
final class ResponseItems {
    private final AssistantTexts assistant;
    private final ReasoningTexts reasoning;
    private final ToolCalls tools;
    private final UserMessages users;

    ResponseItems(
            AssistantTexts assistant,
            ReasoningTexts reasoning,
            ToolCalls tools,
            UserMessages users) {
        this.assistant = assistant;
        this.reasoning = reasoning;
        this.tools = tools;
        this.users = users;
    }

    /**
     * Handles one item.
     *
     * @param legacy true for a bare item of a legacy file, where role-user items are the only copy
     *     of the user's prompts
     */
    void onItem(String type, JsonValue payload, boolean legacy, LineEvents line) {
        switch (type) {
            case "message" -> onMessage(payload, legacy, line);
            case "reasoning" -> reasoning.onReasoningItem(payload, line);
            case "function_call" -> tools.onFunctionCall(payload, line);
            case "custom_tool_call" -> tools.onCustomToolCall(payload, line);
            case "local_shell_call" -> tools.onLocalShellCall(payload, line);
            case "web_search_call" -> tools.onWebSearchCall(payload, line);
            case "function_call_output", "custom_tool_call_output" -> tools.onOutput(payload, line);
            default -> {
                // image generation, tool search, ghost snapshots, encrypted compaction, future
                // types: nothing a transcript can show.
            }
        }
    }

    private void onMessage(JsonValue payload, boolean legacy, LineEvents line) {
        switch (payload.get("role").stringOr("")) {
            case "assistant" -> assistant.onResponseMessage(payload, line);
            case "user" -> {
                if (legacy) {
                    users.onLegacyUserItem(payload, line);
                }
            }
            default -> {
                // developer / system: harness instructions, never conversation.
            }
        }
    }

    @Override
    public String toString() {
        return "ResponseItems";
    }
}

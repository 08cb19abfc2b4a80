package dev.kato.event;

/** The wire names of the event kinds ({@code conversationSchemaVersion} 2). */
public enum EventKind {
    USER_MESSAGE("message.user"),
    ASSISTANT_MESSAGE("message.assistant"),
    THINKING("thinking"),
    TOOL_CALL("tool.call"),
    TOOL_RESULT("tool.result"),
    DECISION("decision"),
    SYSTEM_NOTICE("message.system"),
    PROVIDER_INFO("provider.info");

    private final String wireName;

    EventKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static EventKind of(ConversationEvent event) {
        return switch (event) {
            case UserMessage _ -> USER_MESSAGE;
            case AssistantMessage _ -> ASSISTANT_MESSAGE;
            case Thinking _ -> THINKING;
            case ToolCall _ -> TOOL_CALL;
            case ToolResult _ -> TOOL_RESULT;
            case Decision _ -> DECISION;
            case SystemNotice _ -> SYSTEM_NOTICE;
            case ProviderInfo _ -> PROVIDER_INFO;
        };
    }
}

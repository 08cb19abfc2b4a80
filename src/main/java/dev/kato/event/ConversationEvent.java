package dev.kato.event;

/**
 * One canonical conversation event. The set is closed: every consumer switches over it
 * exhaustively, so adding a kind breaks the build wherever it must be handled.
 *
 * <p>{@code toString()} of every variant prints ids, kinds and lengths only — never conversation
 * text — so an event can never leak into a log by accident.
 */
public sealed interface ConversationEvent
        permits UserMessage,
                AssistantMessage,
                Thinking,
                ToolCall,
                ToolResult,
                Decision,
                SystemNotice,
                ProviderInfo {

    EventMeta meta();

    /** The {@code kind} string of the canonical JSONL schema ({@code message.user}, …). */
    default String kind() {
        return EventKind.of(this).wireName();
    }
}

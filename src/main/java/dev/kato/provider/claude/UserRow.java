package dev.kato.provider.claude;

import dev.kato.event.UserOrigin;
import dev.kato.json.JsonValue;

/**
 * What a user-role record's envelope says about who wrote its text (providers.md §2.7). The text
 * itself is judged by {@link TextOrigins}.
 *
 * @param compactSummary {@code isCompactSummary}
 * @param transcriptOnly {@code isVisibleInTranscriptOnly}
 * @param meta {@code isMeta}: harness-written pseudo-user content
 * @param toolResultRow the row carries tool output ({@code tool_result} blocks, {@code
 *     toolUseResult} or {@code sourceToolAssistantUUID})
 * @param followsCommand the row's parent is a slash-command invocation (so an {@code isMeta} row is
 *     its expansion)
 * @param promptOrigin the origin of plain text in this row when nothing else applies
 */
record UserRow(
        boolean compactSummary,
        boolean transcriptOnly,
        boolean meta,
        boolean toolResultRow,
        boolean followsCommand,
        UserOrigin promptOrigin) {

    /** A {@code type:"user"} row. */
    static UserRow ofUserRecord(JsonValue record, boolean followsCommand) {
        return new UserRow(
                record.get("isCompactSummary").isTrue(),
                record.get("isVisibleInTranscriptOnly").isTrue(),
                record.get("isMeta").isTrue(),
                carriesToolOutput(record),
                followsCommand,
                promptOrigin(record));
    }

    /** A {@code queued_command} attachment: a message a person queued while the agent worked. */
    static UserRow ofQueuedCommand(JsonValue record, JsonValue attachment) {
        boolean meta = record.get("isMeta").isTrue() || attachment.get("isMeta").isTrue();
        return new UserRow(false, false, meta, false, false, queuedOrigin(record, attachment));
    }

    private static boolean carriesToolOutput(JsonValue record) {
        if (!record.get("toolUseResult").isMissing()
                || !record.get("sourceToolAssistantUUID").isMissing()) {
            return true;
        }
        for (JsonValue block : record.get("message").get("content").elements()) {
            if ("tool_result".equals(block.get("type").stringOrNull())) {
                return true;
            }
        }
        return false;
    }

    /**
     * HUMAN unless a newer build's signals say otherwise: an SDK entrypoint or {@code promptSource
     * sdk} is a program; an {@code origin.kind} other than {@code human} or a {@code promptSource}
     * other than {@code typed} is not a person typing (unknown values fail closed).
     */
    private static UserOrigin promptOrigin(JsonValue record) {
        String entrypoint = record.get("entrypoint").stringOrNull();
        String source = record.get("promptSource").stringOrNull();
        if ("sdk".equals(source) || (entrypoint != null && entrypoint.startsWith("sdk"))) {
            return UserOrigin.PROGRAM;
        }
        UserOrigin byKind = originKind(record.get("origin"));
        if (byKind != UserOrigin.HUMAN) {
            return byKind;
        }
        if (record.get("promptSource").isMissing()) {
            return UserOrigin.HUMAN;
        }
        return switch (source == null ? "" : source) {
            case "typed" -> UserOrigin.HUMAN;
            case "queued" -> UserOrigin.HUMAN_QUEUED;
            default -> UserOrigin.HARNESS;
        };
    }

    private static UserOrigin queuedOrigin(JsonValue record, JsonValue attachment) {
        JsonValue origin =
                attachment.get("origin").isMissing()
                        ? record.get("origin")
                        : attachment.get("origin");
        UserOrigin byKind = originKind(origin);
        if (byKind != UserOrigin.HUMAN) {
            return byKind;
        }
        JsonValue mode = attachment.get("commandMode");
        if (mode.isMissing()) {
            return UserOrigin.HUMAN_QUEUED;
        }
        return switch (mode.stringOr("")) {
            case "prompt" -> UserOrigin.HUMAN_QUEUED;
            case "bash" -> UserOrigin.SHELL_INPUT;
            case "task-notification" -> UserOrigin.TASK_NOTIFICATION;
            default -> UserOrigin.HARNESS;
        };
    }

    /** HUMAN when {@code origin.kind} is absent or {@code human}; otherwise what it says. */
    private static UserOrigin originKind(JsonValue origin) {
        if (origin.isMissing()) {
            return UserOrigin.HUMAN;
        }
        JsonValue kind = origin.get("kind");
        if (kind.isMissing()) {
            return origin.isObject() ? UserOrigin.HUMAN : UserOrigin.HARNESS;
        }
        return switch (kind.stringOr("")) {
            case "human" -> UserOrigin.HUMAN;
            case "task-notification" -> UserOrigin.TASK_NOTIFICATION;
            default -> UserOrigin.HARNESS;
        };
    }
}

package dev.kato.provider.claude;

import dev.kato.json.JsonValue;
import dev.kato.provider.FileRole;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParseSink;
import dev.kato.provider.RawLine;
import dev.kato.provider.RecordParser;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One Claude Code JSONL record to canonical events, dispatched on the top-level {@code type}.
 *
 * <p>Identity: events carry the record's {@code uuid} (or its line hash) as provider event id;
 * their {@code turnId} is the row's {@code uuid} for user-role rows and the API response id ({@code
 * message.id}) for assistant rows; other rows have none. Lines with {@code isSidechain: true} in a
 * main file belong to a sub-agent and are skipped. Record types that carry no conversation ({@code
 * progress}, {@code file-history-snapshot}, {@code queue-operation}, {@code last-prompt}, {@code
 * mode}, …) and unknown types yield nothing.
 */
final class ClaudeRecordParser implements RecordParser {
    /** The record types that can yield events; everything else is skipped before any work. */
    private static final Set<String> EVENT_TYPES =
            Set.of(
                    "user",
                    "attachment",
                    "assistant",
                    "system",
                    "summary",
                    "ai-title",
                    "custom-title");

    private final ParseContext ctx;
    private final UserRecords users;
    private final AssistantRecords assistants;

    ClaudeRecordParser(ParseContext ctx) {
        this.ctx = ctx;
        AskUserQuestions questions = new AskUserQuestions();
        this.users = new UserRecords(questions);
        this.assistants = new AssistantRecords(questions);
    }

    @Override
    public void onRecord(JsonValue record, RawLine line, ParseSink sink) {
        if (ctx.role() == FileRole.MAIN && record.get("isSidechain").isTrue()) {
            return;
        }
        String type = record.get("type").stringOrNull();
        if (type == null || !EVENT_TYPES.contains(type)) {
            return;
        }
        RecordScope scope = RecordScope.of(record, line, ctx, type, turnIdOrNull(type, record));
        EventBatch batch = new EventBatch(scope);
        switch (type) {
            case "user" -> users.parseUser(record, batch);
            case "attachment" -> users.parseAttachment(record, batch);
            case "assistant" -> assistants.parse(record, batch);
            case "system" -> MetadataRecords.system(record, batch);
            case "summary" -> MetadataRecords.summary(record, batch);
            case "ai-title" -> MetadataRecords.aiTitle(record, batch);
            case "custom-title" -> MetadataRecords.customTitle(record, batch);
            default -> {
                // not in EVENT_TYPES
            }
        }
        batch.flushTo(sink);
    }

    private static @Nullable String turnIdOrNull(String type, JsonValue record) {
        return switch (type) {
            case "user", "attachment" -> RecordScope.uuidOrNull(record);
            case "assistant" -> RecordScope.saneId(record.get("message").get("id"));
            default -> null;
        };
    }
}

package dev.kato.provider.claude;

import dev.kato.event.Text;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import dev.kato.json.JsonValue;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * User-role records: {@code type:"user"} rows and {@code queued_command} attachments. Tool results
 * become {@link ToolResult}s (AskUserQuestion answers also accepted decisions); every piece of text
 * becomes a {@link UserMessage} whose origin says who wrote it. IDE context and system reminders
 * are cut out of prompts structurally and emitted as their own non-human messages, so nothing is
 * lost and nothing leaks into human text.
 */
final class UserRecords {
    private static final int REMEMBERED_COMMAND_ROWS = 64;

    private final AskUserQuestions questions;

    /** uuids of recent slash-command invocation rows; their {@code isMeta} children expand them. */
    private final BoundedMap<String, Boolean> commandRows =
            new BoundedMap<>(REMEMBERED_COMMAND_ROWS);

    UserRecords(AskUserQuestions questions) {
        this.questions = questions;
    }

    void parseUser(JsonValue record, EventBatch batch) {
        JsonValue content = record.get("message").get("content");
        String parent = RecordScope.saneId(record.get("parentUuid"));
        UserRow row =
                UserRow.ofUserRecord(record, parent != null && commandRows.containsKey(parent));
        rememberCommandRow(record, content);
        addContent(row, content, record.get("toolUseResult"), batch);
    }

    void parseAttachment(JsonValue record, EventBatch batch) {
        JsonValue attachment = record.get("attachment");
        if ("queued_command".equals(attachment.get("type").stringOrNull())) {
            UserRow row = UserRow.ofQueuedCommand(record, attachment);
            addContent(row, attachment.get("prompt"), JsonValue.NULL, batch);
        }
    }

    private void addContent(
            UserRow row, JsonValue content, JsonValue toolUseResult, EventBatch batch) {
        boolean isBlocks = !content.isString();
        List<JsonValue> blocks = isBlocks ? content.elements() : List.of(content);
        boolean reminderOnly = !row.toolResultRow() && isReminderOnly(blocks, isBlocks);
        boolean answers = AskUserQuestions.hasAnswers(toolUseResult);
        String answeredCall = answers ? answeredCallOrNull(blocks) : null;
        for (int i = 0; i < blocks.size(); i++) {
            JsonValue block = blocks.get(i);
            String part = Integer.toString(i);
            if (block.isString()) {
                addText(row, part, block.stringOr(""), isBlocks, reminderOnly, batch);
                continue;
            }
            switch (block.get("type").stringOr("")) {
                case "text" ->
                        addText(
                                row,
                                part,
                                block.get("text").stringOr(""),
                                true,
                                reminderOnly,
                                batch);
                case "tool_result" -> {
                    String id = addToolResult(part, block, batch);
                    if (answers && id.equals(answeredCall)) {
                        questions.addAccepted(id, toolUseResult, batch);
                        answers = false;
                    }
                }
                default -> {
                    // images, documents: no text of their own
                }
            }
        }
        if (answers) {
            questions.addAccepted(null, toolUseResult, batch);
        }
    }

    private static String addToolResult(String part, JsonValue block, EventBatch batch) {
        String id = block.get("tool_use_id").stringOr("");
        Text text = ToolResultText.of(block.get("content"));
        boolean error = block.get("is_error").isTrue();
        batch.add(part, meta -> new ToolResult(meta, id, text, error));
        return id;
    }

    /**
     * One piece of text: a whole context block, or text classified by its row and wrappers, with
     * context cut out of prompt-like text.
     */
    private static void addText(
            UserRow row,
            String part,
            String text,
            boolean isBlock,
            boolean reminderOnly,
            EventBatch batch) {
        if (text.isBlank()) {
            return;
        }
        String leadingTag = isBlock ? ContextTags.leadingTagOrNull(text) : null;
        if (leadingTag != null) {
            addMessage(part, text, contextOrigin(leadingTag, reminderOnly), batch);
            return;
        }
        UserOrigin origin = TextOrigins.classify(row, text);
        ContextTags.Split split = TextOrigins.isPromptLike(origin) ? ContextTags.split(text) : null;
        if (split == null || split.removed().isEmpty()) {
            addMessage(part, text, origin, batch);
            return;
        }
        if (!split.remainder().isEmpty()) {
            String rest = split.remainder();
            addMessage(part, rest, TextOrigins.classify(row, rest), batch);
        }
        List<ContextTags.Removed> removed = split.removed();
        for (int k = 0; k < removed.size(); k++) {
            ContextTags.Removed r = removed.get(k);
            addMessage(
                    part + ":context:" + k,
                    r.text(),
                    contextOrigin(r.tagName(), reminderOnly),
                    batch);
        }
    }

    private static void addMessage(String part, String text, UserOrigin origin, EventBatch batch) {
        UserOrigin effective = batch.scope().fromSubAgent() ? UserOrigin.SUB_AGENT : origin;
        batch.add(part, meta -> new UserMessage(meta, text, effective));
    }

    private static UserOrigin contextOrigin(String tagName, boolean reminderOnly) {
        if (!tagName.equals(ContextTags.SYSTEM_REMINDER)) {
            return UserOrigin.IDE_CONTEXT;
        }
        return reminderOnly ? UserOrigin.HARNESS : UserOrigin.INJECTED_CONTEXT;
    }

    /** True when all the row's text is system reminders: harness text, not injected context. */
    private static boolean isReminderOnly(List<JsonValue> blocks, boolean isBlocks) {
        boolean any = false;
        for (JsonValue block : blocks) {
            String text = block.isString() ? block.stringOr("") : textOfTextBlock(block);
            if (text == null || text.isBlank()) {
                continue;
            }
            any = true;
            if (!ContextTags.SYSTEM_REMINDER.equals(ContextTags.leadingTagOrNull(text))) {
                return false;
            }
            if (!isBlocks) {
                ContextTags.Split split = ContextTags.split(text);
                if (!split.remainder().isEmpty()
                        || !split.removed().stream().allMatch(ContextTags.Removed::isReminder)) {
                    return false;
                }
            }
        }
        return any;
    }

    /** The tool_result the answers belong to: a remembered AskUserQuestion call, else the first. */
    private @Nullable String answeredCallOrNull(List<JsonValue> blocks) {
        String first = null;
        for (JsonValue block : blocks) {
            if (!"tool_result".equals(block.get("type").stringOrNull())) {
                continue;
            }
            String id = block.get("tool_use_id").stringOr("");
            if (questions.isKnownCall(id)) {
                return id;
            }
            first = first == null ? id : first;
        }
        return first;
    }

    private void rememberCommandRow(JsonValue record, JsonValue content) {
        String uuid = RecordScope.uuidOrNull(record);
        if (uuid == null) {
            return;
        }
        List<JsonValue> blocks = content.isString() ? List.of(content) : content.elements();
        for (JsonValue block : blocks) {
            String text = block.isString() ? block.stringOr("") : textOfTextBlock(block);
            if (text != null && TextOrigins.isCommandInvocation(text)) {
                commandRows.put(uuid, Boolean.TRUE);
                return;
            }
        }
    }

    private static @Nullable String textOfTextBlock(JsonValue block) {
        return "text".equals(block.get("type").stringOrNull())
                ? block.get("text").stringOrNull()
                : null;
    }
}

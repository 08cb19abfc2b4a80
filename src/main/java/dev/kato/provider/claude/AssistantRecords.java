package dev.kato.provider.claude;

import dev.kato.event.AssistantMessage;
import dev.kato.event.AssistantPhase;
import dev.kato.event.Text;
import dev.kato.event.Thinking;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.json.JsonText;
import dev.kato.json.JsonValue;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code type:"assistant"} rows: one event per content block — text, thinking, tool use (plus
 * AskUserQuestion decisions) and server-side tool results. Redacted thinking and images yield
 * nothing.
 */
final class AssistantRecords {
    static final String SYNTHETIC_MODEL = "<synthetic>";

    private final AskUserQuestions questions;

    AssistantRecords(AskUserQuestions questions) {
        this.questions = questions;
    }

    void parse(JsonValue record, EventBatch batch) {
        JsonValue message = record.get("message");
        String model = modelOrNull(message.get("model"));
        JsonValue content = message.get("content");
        if (content.isString()) {
            addText("0", content.stringOr(""), model, batch);
            return;
        }
        List<JsonValue> blocks = content.elements();
        for (int i = 0; i < blocks.size(); i++) {
            block(Integer.toString(i), blocks.get(i), model, batch);
        }
    }

    private void block(String part, JsonValue block, @Nullable String model, EventBatch batch) {
        String type = block.get("type").stringOr("");
        switch (type) {
            case "text" -> addText(part, block.get("text").stringOr(""), model, batch);
            case "thinking" -> {
                String text = block.get("thinking").stringOr("");
                if (!text.isBlank()) {
                    batch.add(part, meta -> new Thinking(meta, text, model));
                }
            }
            case "tool_use", "server_tool_use" -> toolUse(part, block, model, batch);
            default -> {
                if (type.endsWith("_tool_result")) {
                    serverToolResult(part, block, batch);
                }
            }
        }
    }

    private void toolUse(String part, JsonValue block, @Nullable String model, EventBatch batch) {
        String id = block.get("id").stringOr("");
        String name = block.get("name").stringOr("");
        JsonValue input = block.get("input");
        String description = ToolDescriptions.describe(name, input);
        String inputJson = input.isMissing() ? "{}" : JsonText.compact(input);
        batch.add(part, meta -> new ToolCall(meta, id, name, description, inputJson, model));
        if (name.equals(AskUserQuestions.TOOL_NAME)) {
            questions.addProposed(id, input, batch);
        }
    }

    private static void serverToolResult(String part, JsonValue block, EventBatch batch) {
        String id = block.get("tool_use_id").stringOr("");
        Text text = ToolResultText.of(block.get("content"));
        boolean error = block.get("is_error").isTrue();
        batch.add(part, meta -> new ToolResult(meta, id, text, error));
    }

    private static void addText(
            String part, String text, @Nullable String model, EventBatch batch) {
        if (!text.isBlank()) {
            batch.add(
                    part,
                    meta -> new AssistantMessage(meta, text, model, AssistantPhase.UNSPECIFIED));
        }
    }

    /** {@code message.model}, or null when absent, blank or {@code <synthetic>}. */
    static @Nullable String modelOrNull(JsonValue model) {
        String name = model.stringOrNull();
        return name == null || name.isBlank() || name.equals(SYNTHETIC_MODEL) ? null : name;
    }
}

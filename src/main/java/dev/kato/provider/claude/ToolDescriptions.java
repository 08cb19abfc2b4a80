package dev.kato.provider.claude;

import dev.kato.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * The short summary of a tool call: the field of its input that says what it acts on (file path,
 * pattern, command, URL, query, task description; the first question for AskUserQuestion), else the
 * first string value of the input.
 */
final class ToolDescriptions {
    private static final Map<String, List<String>> FIELDS =
            Map.ofEntries(
                    Map.entry("Read", List.of("file_path")),
                    Map.entry("Edit", List.of("file_path")),
                    Map.entry("MultiEdit", List.of("file_path")),
                    Map.entry("Write", List.of("file_path")),
                    Map.entry("NotebookEdit", List.of("file_path", "notebook_path")),
                    Map.entry("Grep", List.of("pattern")),
                    Map.entry("Glob", List.of("pattern")),
                    Map.entry("Bash", List.of("command")),
                    Map.entry("WebFetch", List.of("url")),
                    Map.entry("WebSearch", List.of("query")),
                    Map.entry("Task", List.of("description")),
                    Map.entry("Agent", List.of("description")));

    private ToolDescriptions() {}

    static String describe(String toolName, JsonValue input) {
        for (String field : FIELDS.getOrDefault(toolName, List.of())) {
            String value = input.get(field).stringOrNull();
            if (value != null) {
                return value;
            }
        }
        if (toolName.equals(AskUserQuestions.TOOL_NAME)) {
            String question = input.get("questions").at(0).get("question").stringOrNull();
            if (question != null) {
                return question;
            }
        }
        if (input instanceof JsonValue.Obj(var fields)) {
            for (JsonValue value : fields.values()) {
                if (value.isString()) {
                    return value.stringOr("");
                }
            }
        }
        return "";
    }
}

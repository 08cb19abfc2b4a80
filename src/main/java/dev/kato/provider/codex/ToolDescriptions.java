package dev.kato.provider.codex;

import dev.kato.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Short human summaries of tool calls: the command, query, file or first string argument. */
final class ToolDescriptions {
    static final int MAX_CHARS = 240;
    private static final String PATCH_START = "*** Begin Patch";
    private static final List<String> PATCH_FILE_PREFIXES =
            List.of("*** Add File: ", "*** Update File: ", "*** Delete File: ");

    private ToolDescriptions() {}

    /**
     * For JSON arguments: {@code cmd} (string, or array joined by spaces), {@code command}, {@code
     * query}, the question texts of {@code request_user_input}, else the first string argument. For
     * free-form input: the files a patch touches, else the first non-blank line.
     */
    static String describe(String toolName, JsonValue args, String rawInput) {
        String text;
        if (args.isObject()) {
            text = fromArguments(toolName, args);
        } else {
            text = rawInput;
        }
        return ContentText.abbreviate(summarizeFreeText(text), MAX_CHARS);
    }

    /** A shell action's command ({@code local_shell_call}), joined by spaces. */
    static String command(JsonValue value) {
        if (value.isString()) {
            return value.stringOr("");
        }
        List<String> words = new ArrayList<>();
        for (JsonValue w : value.elements()) {
            w.tryString().ifPresent(words::add);
        }
        return String.join(" ", words);
    }

    private static String fromArguments(String toolName, JsonValue args) {
        for (String field : List.of("cmd", "command", "query")) {
            String value = command(args.get(field));
            if (!value.isBlank()) {
                return value;
            }
        }
        if (toolName.equals(UserInputQuestions.TOOL_NAME)) {
            List<String> questions = new ArrayList<>();
            for (UserInputQuestions.Question q : UserInputQuestions.parse(args)) {
                questions.add(q.text());
            }
            return String.join(" / ", questions);
        }
        if (args instanceof JsonValue.Obj(Map<String, JsonValue> fields)) {
            for (JsonValue v : fields.values()) {
                if (v.isString() && !v.stringOr("").isBlank()) {
                    return v.stringOr("");
                }
            }
        }
        return "";
    }

    private static String summarizeFreeText(String text) {
        String t = text.strip();
        if (t.startsWith(PATCH_START)) {
            List<String> files = new ArrayList<>();
            for (String l : t.lines().toList()) {
                for (String prefix : PATCH_FILE_PREFIXES) {
                    if (l.startsWith(prefix)) {
                        files.add(l.substring(prefix.length()).strip());
                    }
                }
            }
            if (!files.isEmpty()) {
                return String.join(", ", files);
            }
        }
        return t.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    }
}

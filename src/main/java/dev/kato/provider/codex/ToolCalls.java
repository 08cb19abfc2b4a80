package dev.kato.provider.codex;

import dev.kato.event.Text;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.json.JsonText;
import dev.kato.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tool calls and their outputs, paired by {@code call_id}: {@code function_call}, {@code
 * custom_tool_call}, {@code local_shell_call} and {@code web_search_call}, and the {@code
 * function_call_output} / {@code custom_tool_call_output} that answer them. Remembers the open
 * {@code request_user_input} questions so their answers keep the question text and options.
 */
final class ToolCalls {
    private static final int MAX_OPEN_CALLS = 256;

    private final SessionState state;
    private final EmbeddedJson json;

    /** Calls without an output yet, oldest first; only questions need remembering. */
    private final Map<String, List<UserInputQuestions.Question>> openQuestions =
            new LinkedHashMap<>();

    ToolCalls(SessionState state, EmbeddedJson json) {
        this.state = state;
        this.json = json;
    }

    /** {@code function_call}: {@code arguments} is a JSON string, kept as the input as it is. */
    void onFunctionCall(JsonValue payload, LineEvents line) {
        String name = toolName(payload);
        String callId = payload.get("call_id").stringOr("");
        JsonValue rawArgs = payload.get("arguments");
        String input = rawArgs.isString() ? rawArgs.stringOr("") : compactOrEmpty(rawArgs);
        JsonValue args = rawArgs.isObject() ? rawArgs : json.parseOrMissing(input);
        addCall(line, callId, name, ToolDescriptions.describe(name, args, input), input);
        if (name.equals(UserInputQuestions.TOOL_NAME)) {
            List<UserInputQuestions.Question> questions = UserInputQuestions.parse(args);
            rememberQuestions(callId, questions);
            UserInputQuestions.propose(questions, line);
        }
    }

    /** {@code custom_tool_call}: a free-form tool whose {@code input} is raw text. */
    void onCustomToolCall(JsonValue payload, LineEvents line) {
        String name = toolName(payload);
        String input = payload.get("input").stringOr("");
        String callId = payload.get("call_id").stringOr("");
        addCall(line, callId, name, ToolDescriptions.describe(name, JsonValue.NULL, input), input);
    }

    /** {@code local_shell_call}: the shell action of the built-in local shell tool. */
    void onLocalShellCall(JsonValue payload, LineEvents line) {
        String callId = payload.get("call_id").stringOr(payload.get("id").stringOr(""));
        JsonValue action = payload.get("action");
        String description =
                ContentText.abbreviate(
                        ToolDescriptions.command(action.get("command")),
                        ToolDescriptions.MAX_CHARS);
        addCall(line, callId, "local_shell", description, compactOrEmpty(action));
    }

    /** {@code web_search_call}: a hosted search; it has no separate output record. */
    void onWebSearchCall(JsonValue payload, LineEvents line) {
        String callId = payload.get("call_id").stringOr(payload.get("id").stringOr(""));
        JsonValue action = payload.get("action");
        String description =
                action.get("query")
                        .tryString()
                        .or(() -> action.get("url").tryString())
                        .or(() -> action.get("pattern").tryString())
                        .or(() -> payload.get("query").tryString())
                        .orElse("");
        String input = action.isMissing() ? compactOrEmpty(payload) : compactOrEmpty(action);
        addCall(
                line,
                callId,
                "web_search",
                ContentText.abbreviate(description, ToolDescriptions.MAX_CHARS),
                input);
    }

    /** {@code function_call_output} / {@code custom_tool_call_output}. */
    void onOutput(JsonValue payload, LineEvents line) {
        String callId = payload.get("call_id").stringOr("");
        JsonValue output = payload.get("output");
        Text text = ContentText.outputText(output);
        boolean failed = ContentText.isFailure(output);
        line.add("result", meta -> new ToolResult(meta, callId, text, failed));
        List<UserInputQuestions.Question> asked = openQuestions.remove(callId);
        if (asked != null) {
            String answer = text.value();
            UserInputQuestions.answer(asked, json.parseOrMissing(answer), answer, line);
        }
    }

    private void addCall(
            LineEvents line, String callId, String name, String description, String input) {
        @Nullable String model = state.model();
        line.add("call", meta -> new ToolCall(meta, callId, name, description, input, model));
    }

    private void rememberQuestions(String callId, List<UserInputQuestions.Question> questions) {
        openQuestions.remove(callId);
        openQuestions.put(callId, questions);
        if (openQuestions.size() > MAX_OPEN_CALLS) {
            openQuestions.remove(openQuestions.keySet().iterator().next());
        }
    }

    /** The tool name, prefixed with its {@code namespace} ({@code ns.name}) when there is one. */
    private static String toolName(JsonValue payload) {
        String name = payload.get("name").stringOr("unknown");
        String namespace = payload.get("namespace").stringOr("");
        return namespace.isBlank() ? name : namespace + "." + name;
    }

    private static String compactOrEmpty(JsonValue value) {
        return value.isMissing() ? "" : JsonText.compact(value);
    }

    @Override
    public String toString() {
        return "ToolCalls[open=" + openQuestions.size() + "]";
    }
}

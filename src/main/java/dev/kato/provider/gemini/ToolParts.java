package dev.kato.provider.gemini;

import dev.kato.json.JsonText;
import dev.kato.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tool calls and results: entries of a {@code gemini} row's {@code toolCalls[]}, and {@code
 * functionCall}/{@code functionResponse} parts of any row's {@code content}.
 */
final class ToolParts {
    /** Argument names that make a good one-line description, in order of preference. */
    private static final List<String> DESCRIPTIVE_ARGS =
            List.of("file_path", "path", "absolute_path", "command", "pattern", "query");

    private ToolParts() {}

    /**
     * Adds one {@code toolCalls[]} entry: the call, and its result once the row has one.
     *
     * @param index the entry's position, used only when it has neither id nor name
     */
    static void addToolCall(JsonValue call, int index, @Nullable String model, PartList out) {
        String id = GeminiContent.nonBlank(call.get("id"));
        String name = GeminiContent.nonBlank(call.get("name"));
        String callId = id != null ? id : name != null ? name : "call-" + index;
        Instant at = GeminiContent.instant(call.get("timestamp"));
        out.add(new Part("tool:" + callId, at, callBody(callId, name, call.get("args"), model)));
        ResultText result = resultOf(call, callId);
        if (result != null) {
            boolean error = result.error() || "error".equals(call.get("status").stringOrNull());
            out.add(
                    new Part(
                            "tool:" + callId + ":result",
                            at,
                            new PartBody.Result(callId, result.text(), error, id != null)));
        }
    }

    /** Adds a {@code functionCall} part of a row's content. */
    static void addFunctionCall(JsonValue call, int index, @Nullable String model, PartList out) {
        String id = GeminiContent.nonBlank(call.get("id"));
        String name = GeminiContent.nonBlank(call.get("name"));
        String callId = id != null ? id : name != null ? name : "call-part-" + index;
        out.add(Part.of("tool:" + callId, callBody(callId, name, call.get("args"), model)));
    }

    /** Adds a {@code functionResponse} part of a row's content as a tool result. */
    static void addFunctionResponse(JsonValue response, int index, PartList out) {
        String id = GeminiContent.nonBlank(response.get("id"));
        String name = GeminiContent.nonBlank(response.get("name"));
        String callId = id != null ? id : name != null ? name : "response-" + index;
        ResultText text = responseText(response);
        out.add(
                Part.of(
                        "tool:" + callId + ":result",
                        new PartBody.Result(callId, text.text(), text.error(), id != null)));
    }

    private static PartBody.Call callBody(
            String callId, @Nullable String name, JsonValue args, @Nullable String model) {
        String input = args.isMissing() ? "{}" : JsonText.compact(args);
        return new PartBody.Call(
                callId, name == null ? "unknown" : name, describe(args), input, model);
    }

    /** The most telling argument: a path, command, pattern or query, else the first string. */
    static String describe(JsonValue args) {
        for (String name : DESCRIPTIVE_ARGS) {
            String value = args.get(name).stringOrNull();
            if (value != null) {
                return value;
            }
        }
        if (args instanceof JsonValue.Obj(Map<String, JsonValue> fields)) {
            for (JsonValue v : fields.values()) {
                if (v.isString()) {
                    return v.stringOr("");
                }
            }
        }
        return "";
    }

    /**
     * The result of a {@code toolCalls[]} entry: the responses in {@code result[]} (only those
     * answering this call when they carry ids), plus sibling text parts when there is at most one
     * response; else {@code resultDisplay} when it is a non-empty string; null while there is none.
     */
    private static @Nullable ResultText resultOf(JsonValue call, String callId) {
        List<JsonValue> parts = GeminiContent.parts(call.get("result"));
        List<JsonValue> responses = GeminiContent.functionResponses(call.get("result"));
        List<JsonValue> own = new ArrayList<>();
        for (JsonValue r : responses) {
            if (callId.equals(r.get("id").stringOrNull())) {
                own.add(r);
            }
        }
        List<JsonValue> chosen = own.isEmpty() ? responses : own;
        List<String> texts = new ArrayList<>();
        boolean error = false;
        for (JsonValue r : chosen) {
            ResultText t = responseText(r);
            texts.add(t.text());
            error |= t.error();
        }
        if (responses.size() <= 1) {
            for (JsonValue p : parts) {
                String text = p.get("text").stringOrNull();
                if (text != null && !p.get("thought").isTrue()) {
                    texts.add(text);
                }
            }
        }
        if (!texts.isEmpty()) {
            return new ResultText(String.join("\n", texts), error);
        }
        String display = GeminiContent.nonBlank(call.get("resultDisplay"));
        return display == null ? null : new ResultText(display, false);
    }

    /** {@code response.output}, else {@code response.error}, else the response as JSON. */
    private static ResultText responseText(JsonValue functionResponse) {
        JsonValue response = functionResponse.get("response");
        String output = response.get("output").stringOrNull();
        if (output != null) {
            return new ResultText(output, false);
        }
        JsonValue error = response.get("error");
        if (error.isString()) {
            return new ResultText(error.stringOr(""), true);
        }
        if (!error.isMissing()) {
            return new ResultText(JsonText.compact(error), true);
        }
        return new ResultText(response.isMissing() ? "" : JsonText.compact(response), false);
    }

    /** A result's text and whether it reports an error. */
    private record ResultText(String text, boolean error) {
        @Override
        public String toString() {
            return "ResultText[error=" + error + ", chars=" + text.length() + "]";
        }
    }
}

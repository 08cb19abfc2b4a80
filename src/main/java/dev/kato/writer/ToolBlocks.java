package dev.kato.writer;

import static java.util.Objects.requireNonNull;

import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The collapsible {@code <details>} blocks for tool calls and their results. */
final class ToolBlocks {
    private static final int MAX_NAME_CHARS = 80;
    private static final int MAX_DESCRIPTION_CHARS = 160;

    private ToolBlocks() {}

    /** One call, its input as JSON, and its result when it arrived in time. */
    static String call(ToolCall call, @Nullable Result result) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<details>\n<summary>Tool: ")
                .append(InlineText.html(call.name(), MAX_NAME_CHARS));
        String description = InlineText.html(call.description(), MAX_DESCRIPTION_CHARS);
        if (!description.isEmpty()) {
            sb.append(" — ").append(description);
        }
        sb.append("</summary>\n");
        if (!call.inputJson().isBlank()) {
            Optional<String> pretty = JsonIndenter.tryIndent(call.inputJson());
            sb.append('\n')
                    .append(
                            pretty.isPresent()
                                    ? Fence.block("json", pretty.get())
                                    : Fence.block("text", call.inputJson()));
        }
        if (result != null) {
            appendResult(sb, result);
        }
        return sb.append("\n</details>\n").toString();
    }

    /** A result whose call was rendered earlier (or never seen). */
    static String standaloneResult(String toolName, Result result) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<details>\n<summary>Tool result");
        String name = InlineText.html(toolName, MAX_NAME_CHARS);
        if (!name.isEmpty()) {
            sb.append(": ").append(name);
        }
        sb.append("</summary>\n");
        appendResult(sb, result);
        return sb.append("\n</details>\n").toString();
    }

    private static void appendResult(StringBuilder sb, Result result) {
        sb.append('\n').append(result.isError() ? "Error result:" : "Result:").append("\n\n");
        if (result.text().isBlank()) {
            sb.append("*(empty)*\n");
            return;
        }
        sb.append(Fence.block("text", result.text()));
        if (result.truncated()) {
            sb.append("\n*Result truncated: showing the first ")
                    .append(result.text().codePointCount(0, result.text().length()))
                    .append(" of ")
                    .append(result.originalCodePoints())
                    .append(" characters.*\n");
        }
    }

    /**
     * A tool result's text cut to the configured length, remembering how long it was.
     *
     * @param text at most the configured number of code points
     * @param originalCodePoints the length before cutting
     */
    record Result(String text, int originalCodePoints, boolean isError) {
        Result {
            requireNonNull(text, "text");
        }

        static Result of(ToolResult result, int maxChars) {
            String normalized = Fence.normalizeNewlines(result.text());
            int length = normalized.codePointCount(0, normalized.length());
            return new Result(InlineText.cut(normalized, maxChars), length, result.isError());
        }

        boolean truncated() {
            return text.codePointCount(0, text.length()) < originalCodePoints;
        }

        @Override
        public String toString() {
            return "Result[chars=" + text.length() + ", of=" + originalCodePoints + "]";
        }
    }
}

package dev.kato.provider.gemini;

import dev.kato.event.UserOrigin;
import dev.kato.json.JsonValue;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Classifies a {@code user} row ({@code providers.md} §4.4). Only the typed text of a main-session
 * prompt is {@link UserOrigin#HUMAN}: {@code displayContent} when present, otherwise {@code
 * content} up to the first context marker. Nothing from {@code content} is ever added to the typed
 * text; whatever the human text leaves out is kept as a separate non-human message instead.
 */
final class UserParts {
    /** Harness turns recognised by how their text starts, and who wrote them. */
    private static final List<Prefix> HARNESS_PREFIXES =
            List.of(
                    new Prefix("<session_context>", UserOrigin.INJECTED_CONTEXT),
                    new Prefix("<hook_context>", UserOrigin.INJECTED_CONTEXT),
                    new Prefix(
                            "This is the Gemini CLI. We are setting up the context for our chat.",
                            UserOrigin.INJECTED_CONTEXT),
                    new Prefix("I ran the following shell command:", UserOrigin.TOOL_OUTPUT));

    private UserParts() {}

    static void add(JsonValue message, boolean subAgent, PartList out) {
        JsonValue content = message.get("content");
        String contentText = GeminiContent.text(content);
        String displayText = GeminiContent.text(message.get("displayContent"));
        List<JsonValue> responses = GeminiContent.functionResponses(content);
        if (!responses.isEmpty()) {
            for (int i = 0; i < responses.size(); i++) {
                ToolParts.addFunctionResponse(responses.get(i), i, out);
            }
            UserOrigin origin = subAgent ? UserOrigin.SUB_AGENT : UserOrigin.TOOL_OUTPUT;
            addWhole(contentText, displayText, origin, out);
            return;
        }
        UserOrigin harness =
                subAgent ? UserOrigin.SUB_AGENT : harnessOrigin(contentText, displayText);
        if (harness != null) {
            addWhole(contentText, displayText, harness, out);
        } else if (!displayText.isBlank()) {
            addDisplayed(contentText, displayText, out);
        } else {
            addTyped(contentText, out);
        }
    }

    /** A row nobody typed: its content (else its display text) with one non-human origin. */
    private static void addWhole(
            String contentText, String displayText, UserOrigin origin, PartList out) {
        boolean fromContent = !contentText.isBlank();
        String main = fromContent ? contentText : displayText;
        if (!main.isBlank()) {
            out.add(Part.of("text", new PartBody.UserText(main, origin)));
        }
        if (fromContent && !displayText.isBlank() && !same(displayText, contentText)) {
            out.add(Part.of("display", new PartBody.UserText(displayText, origin)));
        }
    }

    /**
     * A prompt with {@code displayContent}: the displayed text is the human message (cut at a
     * context marker, should one be there); the model-facing {@code content}, when it says anything
     * else, is kept whole as injected context.
     */
    private static void addDisplayed(String contentText, String displayText, PartList out) {
        GeminiContent.TypedSplit display = GeminiContent.splitTyped(displayText);
        if (!display.typed().isEmpty()) {
            out.add(Part.of("text", new PartBody.UserText(display.typed(), UserOrigin.HUMAN)));
        }
        if (!display.context().isBlank()) {
            out.add(
                    Part.of(
                            "display-context",
                            new PartBody.UserText(display.context(), UserOrigin.INJECTED_CONTEXT)));
        }
        if (!contentText.isBlank() && !same(contentText, displayText)) {
            out.add(
                    Part.of(
                            "content",
                            new PartBody.UserText(contentText, UserOrigin.INJECTED_CONTEXT)));
        }
    }

    /** A prompt without {@code displayContent}: typed text up to the first context marker. */
    private static void addTyped(String contentText, PartList out) {
        GeminiContent.TypedSplit split = GeminiContent.splitTyped(contentText);
        if (!split.typed().isEmpty()) {
            out.add(Part.of("text", new PartBody.UserText(split.typed(), UserOrigin.HUMAN)));
        }
        if (!split.context().isBlank()) {
            out.add(
                    Part.of(
                            "context",
                            new PartBody.UserText(split.context(), UserOrigin.INJECTED_CONTEXT)));
        }
    }

    /** The origin of a harness turn, judged on both texts; null for a prompt. */
    private static @Nullable UserOrigin harnessOrigin(String contentText, String displayText) {
        for (Prefix p : HARNESS_PREFIXES) {
            if (contentText.stripLeading().startsWith(p.text())
                    || displayText.stripLeading().startsWith(p.text())) {
                return p.origin();
            }
        }
        return null;
    }

    private static boolean same(String a, String b) {
        return a.strip().equals(b.strip());
    }

    private record Prefix(String text, UserOrigin origin) {}
}

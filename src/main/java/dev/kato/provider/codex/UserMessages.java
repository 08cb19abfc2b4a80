package dev.kato.provider.codex;

import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import dev.kato.json.JsonValue;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decides who wrote the text of user-role records. Only an {@code event_msg} {@code user_message}
 * can be {@link UserOrigin#HUMAN}, and only when the session is interactive, the message has no
 * injected {@code kind}, it is not a replay, and only for the text after the last IDE request
 * marker.
 */
final class UserMessages {
    /** The constant the Codex IDE integration puts between its context and the typed request. */
    static final String REQUEST_MARKER = "## My request for Codex:";

    /** How the context fragments Codex injects as role-user items begin. */
    private static final List<String> CONTEXT_OPENERS =
            List.of(
                    "<user_instructions>",
                    "<environment_context>",
                    "# AGENTS.md instructions",
                    "<user_shell_command>",
                    "<skill>",
                    "<turn_aborted>",
                    "<subagent_notification>",
                    "<recommended_plugins>",
                    "<goal_context>");

    private final SessionState state;

    UserMessages(SessionState state) {
        this.state = state;
    }

    /** An {@code event_msg} {@code user_message}. */
    void onUserMessage(JsonValue payload, LineEvents line) {
        String text = payload.get("message").stringOr("");
        UserOrigin origin = originOf(payload.get("kind"), line.timestamp());
        int marker = origin == UserOrigin.HUMAN ? text.lastIndexOf(REQUEST_MARKER) : -1;
        if (marker < 0) {
            add(line, "message", text, origin);
            return;
        }
        add(line, "ide-context", text.substring(0, marker).stripTrailing(), UserOrigin.IDE_CONTEXT);
        add(line, "request", afterMarker(text, marker), UserOrigin.HUMAN);
    }

    /** A {@code compacted} record: the model-written summary (the replacement history is not). */
    void onCompacted(JsonValue payload, LineEvents line) {
        add(line, "summary", payload.get("message").stringOr(""), UserOrigin.COMPACTION_SUMMARY);
    }

    /**
     * A legacy bare {@code message} with role {@code user}. Those files have no {@code event_msg}
     * records, so this is the only copy of the user's prompts; it is kept as history (never HUMAN)
     * and known context fragments are marked as injected.
     */
    void onLegacyUserItem(JsonValue payload, LineEvents line) {
        String text = ContentText.paragraphs(ContentText.blockTexts(payload.get("content")));
        UserOrigin origin =
                isContextFragment(text) ? UserOrigin.INJECTED_CONTEXT : UserOrigin.HISTORY_REWRITE;
        add(line, "message", text, origin);
    }

    private UserOrigin originOf(JsonValue kind, @Nullable Instant at) {
        if (!kind.isMissing() && !"plain".equals(kind.stringOrNull())) {
            return UserOrigin.INJECTED_CONTEXT;
        }
        if (state.isReplayed(at)) {
            return UserOrigin.HISTORY_REWRITE;
        }
        return state.source().userOrigin();
    }

    private static String afterMarker(String text, int marker) {
        String rest = text.substring(marker + REQUEST_MARKER.length());
        if (rest.startsWith("\r\n")) {
            return rest.substring(2);
        }
        return rest.startsWith("\n") ? rest.substring(1) : rest;
    }

    private static boolean isContextFragment(String text) {
        String t = text.stripLeading();
        for (String opener : CONTEXT_OPENERS) {
            if (t.startsWith(opener)) {
                return true;
            }
        }
        return false;
    }

    private static void add(LineEvents line, String part, String text, UserOrigin origin) {
        if (!text.isBlank()) {
            line.add(part, meta -> new UserMessage(meta, text, origin));
        }
    }

    @Override
    public String toString() {
        return "UserMessages";
    }
}

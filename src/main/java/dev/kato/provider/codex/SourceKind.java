package dev.kato.provider.codex;

import dev.kato.event.UserOrigin;
import dev.kato.json.JsonValue;

/** What kind of session a rollout records, from {@code session_meta.payload.source}. */
enum SourceKind {
    /** {@code cli} or {@code vscode} (or no source at all): a person at the prompt box. */
    INTERACTIVE(UserOrigin.HUMAN),
    /** {@code exec}, {@code mcp} or any other string: prompts come from a program. */
    PROGRAM(UserOrigin.PROGRAM),
    /** An object ({@code {"subagent":…}}): prompts are written by the parent model. */
    SUB_AGENT(UserOrigin.SUB_AGENT);

    private final UserOrigin userOrigin;

    SourceKind(UserOrigin userOrigin) {
        this.userOrigin = userOrigin;
    }

    /** The origin of a plain, non-replayed {@code user_message} in such a session. */
    UserOrigin userOrigin() {
        return userOrigin;
    }

    static SourceKind of(JsonValue source) {
        if (source.isMissing()) {
            return INTERACTIVE;
        }
        if (source.isObject()) {
            return SUB_AGENT;
        }
        String s = source.stringOrNull();
        return "cli".equals(s) || "vscode".equals(s) ? INTERACTIVE : PROGRAM;
    }

    /** The value of the {@code source} provider info: the string itself, or {@code subagent}. */
    static String describe(JsonValue source) {
        if (source.isObject()) {
            return "subagent";
        }
        return source.tryString().orElse("other");
    }
}

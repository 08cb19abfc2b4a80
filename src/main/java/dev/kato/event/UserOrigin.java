package dev.kato.event;

/**
 * Who authored the text of a user-role record. Only {@link #HUMAN} text can carry in-chat commands
 * ({@code security.md} §4); every other origin is captured but never obeyed.
 */
public enum UserOrigin {
    /** Typed or pasted into the assistant's prompt box by a person. */
    HUMAN("human"),
    /** A person's message queued while the assistant was working (Claude queue/steering). */
    HUMAN_QUEUED("human-queued"),
    /**
     * A person's {@code !shell} command line (Claude {@code <bash-input>}): human, but not chat.
     */
    SHELL_INPUT("shell-input"),
    /** Output of a tool, shell or local command stored in a user-role record. */
    TOOL_OUTPUT("tool-output"),
    /** Text the harness wrote: meta rows, hook feedback, reminders, interruption markers. */
    HARNESS("harness"),
    /** A model-written compaction summary. */
    COMPACTION_SUMMARY("compaction-summary"),
    /** A slash-command invocation or the expansion of its file. */
    COMMAND_EXPANSION("command-expansion"),
    /** A prompt or message inside a sub-agent transcript (written by the parent model). */
    SUB_AGENT("sub-agent"),
    /** IDE context (open file, selection, preamble before the request marker). */
    IDE_CONTEXT("ide-context"),
    /** Instructions or environment context injected by the harness (AGENTS.md, CLAUDE.md, …). */
    INJECTED_CONTEXT("injected-context"),
    /** A background task or sub-agent notification. */
    TASK_NOTIFICATION("task-notification"),
    /** A prompt sent by a program (SDK, {@code codex exec}, non-interactive session). */
    PROGRAM("program"),
    /** An answer to a question that could not be parsed into a decision. */
    UNPARSED_ANSWER("unparsed-answer"),
    /** Rewritten history (Gemini {@code $set.messages}, Codex replacement history). */
    HISTORY_REWRITE("history-rewrite");

    private final String wireName;

    UserOrigin(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * True when a person wrote this text as a chat message: the only text commands may come from.
     */
    public boolean isHumanTyped() {
        return this == HUMAN || this == HUMAN_QUEUED;
    }

    public static UserOrigin fromWireName(String name) {
        for (UserOrigin o : values()) {
            if (o.wireName.equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown user origin: " + name);
    }
}

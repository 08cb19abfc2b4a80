package dev.kato.provider;

/** Whether a session file is the human's main conversation or a sub-agent transcript. */
public enum FileRole {
    MAIN,
    /** A sub-agent transcript: every user-role record in it is written by a model. */
    SUB_AGENT
}

package dev.kato.prompthistory;

/** What the prompt-history file says about a command message. */
public enum HistoryVerdict {
    /** An entry of the same session, close in time, holds every command line of the message. */
    CONFIRMED(""),
    /** The file was read and no entry confirms the message. */
    NOT_IN_HISTORY("not-in-prompt-history"),
    /** The file is missing, unreadable or larger than Kato reads; the check fails closed. */
    UNAVAILABLE("prompt-history-unavailable");

    private final String reason;

    HistoryVerdict(String reason) {
        this.reason = reason;
    }

    /** The content-free reason recorded for a refused command; empty for {@link #CONFIRMED}. */
    public String reason() {
        return reason;
    }
}

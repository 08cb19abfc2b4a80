package dev.kato.event;

/** Whether assistant text is streamed commentary or the turn's answer. */
public enum AssistantPhase {
    /** Intermediate narration (Codex {@code commentary}, {@code agent_message} mid-turn). */
    COMMENTARY("commentary"),
    /** The turn's answer (Codex {@code final_answer}). */
    FINAL("final"),
    /** The provider does not distinguish (Claude, Gemini, old Codex). */
    UNSPECIFIED("unspecified");

    private final String wireName;

    AssistantPhase(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static AssistantPhase fromWireName(String name) {
        for (AssistantPhase p : values()) {
            if (p.wireName.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown assistant phase: " + name);
    }
}

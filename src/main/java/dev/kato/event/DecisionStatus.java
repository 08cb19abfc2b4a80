package dev.kato.event;

/** Lifecycle of a {@link Decision}. */
public enum DecisionStatus {
    PROPOSED("proposed"),
    ACCEPTED("accepted");

    private final String wireName;

    DecisionStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static DecisionStatus fromWireName(String name) {
        for (DecisionStatus s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown decision status: " + name);
    }
}

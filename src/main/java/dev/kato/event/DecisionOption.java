package dev.kato.event;

import static java.util.Objects.requireNonNull;

/** One option the model offered in a question. */
public record DecisionOption(String label, String description) {
    public DecisionOption {
        requireNonNull(label, "label");
        requireNonNull(description, "description");
    }

    @Override
    public String toString() {
        return "DecisionOption[labelChars=" + label.length() + "]";
    }
}

package dev.kato.event;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A question the model asked (Claude AskUserQuestion, Codex request_user_input) and, once answered,
 * the answer. Answers are never human-typed chat messages for command purposes.
 *
 * @param decisionKey the question's identity within its call (question id or header)
 * @param status proposed (asked) or accepted (answered)
 * @param summary one-line summary: the question, or {@code question -> answer}
 * @param question the question text
 * @param options the offered options (may be empty for free-form questions)
 * @param answer the chosen label or free text; null while proposed
 */
public record Decision(
        EventMeta meta,
        String decisionKey,
        DecisionStatus status,
        String summary,
        String question,
        List<DecisionOption> options,
        @Nullable String answer)
        implements ConversationEvent {
    public Decision {
        requireNonNull(meta, "meta");
        requireNonNull(decisionKey, "decisionKey");
        requireNonNull(status, "status");
        requireNonNull(summary, "summary");
        requireNonNull(question, "question");
        options = List.copyOf(options);
        if (status == DecisionStatus.ACCEPTED && answer == null) {
            throw new IllegalArgumentException("an accepted decision needs an answer");
        }
    }

    /** Who decided: the user for answered questions, nobody yet for proposals. */
    public String decidedBy() {
        return status == DecisionStatus.ACCEPTED ? "user" : "";
    }

    @Override
    public String toString() {
        return "Decision["
                + meta.eventId()
                + ", key="
                + decisionKey
                + ", status="
                + status.wireName()
                + "]";
    }
}

package dev.kato.provider.codex;

import dev.kato.event.Decision;
import dev.kato.event.DecisionOption;
import dev.kato.event.DecisionStatus;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import dev.kato.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code request_user_input} tool: its call proposes one {@link Decision} per question, its
 * output {@code {"answers":{"<id>":{"answers":["…"]}}}} accepts one per answered question. An
 * output that does not have that shape becomes an {@link UserOrigin#UNPARSED_ANSWER} message, never
 * a human one: option labels are model-written.
 */
final class UserInputQuestions {
    static final String TOOL_NAME = "request_user_input";

    /** One question as the call asked it. */
    record Question(String key, String text, List<DecisionOption> options) {
        Question {
            options = List.copyOf(options);
        }

        @Override
        public String toString() {
            return "Question[keyChars=" + key.length() + ", options=" + options.size() + "]";
        }
    }

    private UserInputQuestions() {}

    /** The questions of a call's arguments; keys fall back to the header, then the position. */
    static List<Question> parse(JsonValue arguments) {
        List<Question> questions = new ArrayList<>();
        List<JsonValue> items = arguments.get("questions").elements();
        for (int i = 0; i < items.size(); i++) {
            JsonValue q = items.get(i);
            String key = firstText(q, "id", "header").orElse("q" + i);
            String text = firstText(q, "question", "header").orElse(key);
            List<DecisionOption> options = new ArrayList<>();
            for (JsonValue o : q.get("options").elements()) {
                String label = o.get("label").stringOr(o.stringOr(""));
                if (!label.isEmpty()) {
                    options.add(new DecisionOption(label, o.get("description").stringOr("")));
                }
            }
            questions.add(new Question(key, text, options));
        }
        return questions;
    }

    /** One proposed decision per question, parts {@code q0}, {@code q1}, …. */
    static void propose(List<Question> questions, LineEvents line) {
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            line.add(
                    "q" + i,
                    meta ->
                            new Decision(
                                    meta,
                                    q.key(),
                                    DecisionStatus.PROPOSED,
                                    q.text(),
                                    q.text(),
                                    q.options(),
                                    null));
        }
    }

    /**
     * Accepted decisions for the non-empty answers in {@code output} to questions the call asked,
     * parts {@code a0}, {@code a1}, … in the output's order; or, when the output has no {@code
     * answers} object, one unparsed-answer message with the question texts and the raw output.
     */
    static void answer(List<Question> asked, JsonValue parsed, String rawOutput, LineEvents line) {
        if (!(parsed.get("answers") instanceof JsonValue.Obj(Map<String, JsonValue> answers))) {
            String questions = String.join("\n", asked.stream().map(Question::text).toList());
            String text = questions.isEmpty() ? rawOutput : questions + "\n\n" + rawOutput;
            line.add("unparsed", meta -> new UserMessage(meta, text, UserOrigin.UNPARSED_ANSWER));
            return;
        }
        int n = 0;
        for (var entry : answers.entrySet()) {
            String answer = answerText(entry.getValue());
            if (answer.isEmpty()) {
                continue;
            }
            Question q = find(asked, entry.getKey());
            if (q == null) {
                continue;
            }
            line.add(
                    "a" + n++,
                    meta ->
                            new Decision(
                                    meta,
                                    q.key(),
                                    DecisionStatus.ACCEPTED,
                                    q.text() + " -> " + answer,
                                    q.text(),
                                    q.options(),
                                    answer));
        }
    }

    private static String answerText(JsonValue value) {
        if (value.isString()) {
            return value.stringOr("");
        }
        List<String> texts = new ArrayList<>();
        for (JsonValue a : value.get("answers").elements()) {
            a.tryString().filter(s -> !s.isBlank()).ifPresent(texts::add);
        }
        return String.join(", ", texts);
    }

    /**
     * The asked question with this key; a stand-in when the call's questions could not be read;
     * null for an answer to a question that was never asked (not a decision anybody made).
     */
    private static @Nullable Question find(List<Question> asked, String key) {
        for (Question q : asked) {
            if (q.key().equals(key)) {
                return q;
            }
        }
        return asked.isEmpty() ? new Question(key, key, List.of()) : null;
    }

    private static Optional<String> firstText(JsonValue obj, String a, String b) {
        return obj.get(a)
                .tryString()
                .filter(s -> !s.isBlank())
                .or(() -> obj.get(b).tryString().filter(s -> !s.isBlank()));
    }
}

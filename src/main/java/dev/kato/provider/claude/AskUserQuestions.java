package dev.kato.provider.claude;

import dev.kato.event.Decision;
import dev.kato.event.DecisionOption;
import dev.kato.event.DecisionStatus;
import dev.kato.json.JsonText;
import dev.kato.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Claude's {@code AskUserQuestion} tool as decisions: one proposed {@link Decision} per question of
 * the tool call, and one accepted decision per answer in the answering row's top-level {@code
 * toolUseResult.answers}. The answers are never human chat text: the chosen labels are
 * model-authored. Remembers recent questions so an answer row without {@code
 * toolUseResult.questions} still gets the options.
 */
final class AskUserQuestions {
    static final String TOOL_NAME = "AskUserQuestion";
    private static final int REMEMBERED_CALLS = 256;

    private final BoundedMap<String, List<Question>> asked = new BoundedMap<>(REMEMBERED_CALLS);

    private record Question(String key, String text, List<DecisionOption> options) {
        @Override
        public String toString() {
            return "Question[chars=" + text.length() + ", options=" + options.size() + "]";
        }
    }

    /** Adds the proposed decisions of one AskUserQuestion call and remembers its questions. */
    void addProposed(String toolUseId, JsonValue input, EventBatch batch) {
        List<Question> questions = parse(input.get("questions"));
        if (!toolUseId.isEmpty()) {
            asked.put(toolUseId, questions);
        }
        for (Question q : questions) {
            batch.add(
                    batch.nextDecisionPart(),
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

    /** True when {@code toolUseId} is a remembered AskUserQuestion call. */
    boolean isKnownCall(String toolUseId) {
        return asked.containsKey(toolUseId);
    }

    /** True when a row's {@code toolUseResult} holds AskUserQuestion answers. */
    static boolean hasAnswers(JsonValue toolUseResult) {
        return toolUseResult.get("answers").isObject();
    }

    /** Adds one accepted decision per answer in {@code toolUseResult.answers}. */
    void addAccepted(@Nullable String toolUseId, JsonValue toolUseResult, EventBatch batch) {
        if (!(toolUseResult.get("answers") instanceof JsonValue.Obj(var answers))) {
            return;
        }
        List<Question> known = parse(toolUseResult.get("questions"));
        if (known.isEmpty() && toolUseId != null) {
            List<Question> remembered = asked.getOrNull(toolUseId);
            known = remembered == null ? List.of() : remembered;
        }
        for (Map.Entry<String, JsonValue> e : answers.entrySet()) {
            String answer = answerText(e.getValue());
            if (answer == null) {
                continue;
            }
            Question q = find(known, e.getKey());
            batch.add(
                    batch.nextDecisionPart(),
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

    private static Question find(List<Question> known, String questionText) {
        for (Question q : known) {
            if (q.text().equals(questionText)) {
                return q;
            }
        }
        return new Question(questionText, questionText, List.of());
    }

    private static @Nullable String answerText(JsonValue value) {
        return switch (value) {
            case JsonValue.Str s -> s.value();
            case JsonValue.Arr(var items) ->
                    items.stream()
                            .map(v -> v.isString() ? v.stringOr("") : JsonText.compact(v))
                            .collect(Collectors.joining(", "));
            case JsonValue.Null() -> null;
            default -> JsonText.compact(value);
        };
    }

    private static List<Question> parse(JsonValue questions) {
        List<Question> out = new ArrayList<>();
        for (JsonValue q : questions.elements()) {
            String text = q.get("question").stringOrNull();
            String header = q.get("header").stringOrNull();
            if (text == null && header == null) {
                continue;
            }
            String question = text != null ? text : header;
            String key = header != null && !header.isBlank() ? header : question;
            out.add(new Question(key, question, options(q.get("options"))));
        }
        return out;
    }

    private static List<DecisionOption> options(JsonValue options) {
        List<DecisionOption> out = new ArrayList<>();
        for (JsonValue o : options.elements()) {
            String label = o.isString() ? o.stringOrNull() : o.get("label").stringOrNull();
            if (label != null) {
                out.add(new DecisionOption(label, o.get("description").stringOr("")));
            }
        }
        return out;
    }
}

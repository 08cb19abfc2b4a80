package dev.kato.writer;

import dev.kato.event.AssistantMessage;
import dev.kato.event.ConversationEvent;
import dev.kato.event.Decision;
import dev.kato.event.EventKind;
import dev.kato.event.Provider;
import dev.kato.event.ProviderInfo;
import dev.kato.event.SystemNotice;
import dev.kato.event.Thinking;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Accumulates {@link SessionFacts} event by event in bounded memory. */
final class FactsCollector {
    private @Nullable Provider provider;
    private String sessionId = "";
    private String humanTitle = "";
    private String providerTitle = "";
    private @Nullable Instant first;
    private @Nullable Instant last;
    private final Set<String> models = new LinkedHashSet<>();
    private final Set<EventKind> kindsSeen = EnumSet.noneOf(EventKind.class);
    private final List<EventKind> kindsInOrder = new ArrayList<>(EventKind.values().length);

    void accept(ConversationEvent event) {
        if (provider == null) {
            provider = event.meta().provider();
            sessionId = event.meta().sessionId();
        }
        event.meta().tryTimestamp().ifPresent(this::time);
        EventKind kind = EventKind.of(event);
        if (kindsSeen.add(kind)) {
            kindsInOrder.add(kind);
        }
        switch (event) {
            case UserMessage u -> {
                if (humanTitle.isEmpty() && u.isHumanTyped()) {
                    humanTitle = titleOf(u.text());
                }
            }
            case AssistantMessage a -> model(a.model());
            case Thinking t -> model(t.model());
            case ToolCall c -> model(c.model());
            case ProviderInfo p -> {
                if (p.infoType().equals(ProviderInfo.TITLE)) {
                    providerTitle = titleOf(p.value());
                }
            }
            case ToolResult _, Decision _, SystemNotice _ -> {}
        }
    }

    SessionFacts facts() {
        return new SessionFacts(
                provider,
                sessionId,
                humanTitle.isEmpty() ? providerTitle : humanTitle,
                first,
                last,
                List.copyOf(models),
                kindsInOrder);
    }

    private void time(Instant t) {
        if (first == null || t.isBefore(first)) {
            first = t;
        }
        if (last == null || t.isAfter(last)) {
            last = t;
        }
    }

    private void model(@Nullable String model) {
        if (model == null || model.isEmpty() || model.length() > SessionFacts.MAX_MODEL_CHARS) {
            return;
        }
        if (models.size() < SessionFacts.MAX_MODELS) {
            models.add(model);
        }
    }

    /** First non-blank line, whitespace collapsed, cut to {@link SessionFacts#MAX_TITLE_CHARS}. */
    static String titleOf(String text) {
        for (String line : text.split("[\\n\\r\\u0085\\u2028\\u2029]")) {
            String collapsed = InlineText.collapse(line);
            if (!collapsed.isEmpty()) {
                return InlineText.cut(collapsed, SessionFacts.MAX_TITLE_CHARS).strip();
            }
        }
        return "";
    }
}

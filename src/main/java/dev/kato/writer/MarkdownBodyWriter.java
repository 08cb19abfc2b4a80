package dev.kato.writer;

import static java.util.Objects.requireNonNull;

import dev.kato.event.AssistantMessage;
import dev.kato.event.AssistantPhase;
import dev.kato.event.ConversationEvent;
import dev.kato.event.Decision;
import dev.kato.event.DecisionStatus;
import dev.kato.event.ProviderInfo;
import dev.kato.event.SystemNotice;
import dev.kato.event.Thinking;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Streams the Markdown body (everything after the frontmatter) event by event into a {@link
 * Writer}, holding no event longer than needed: only a few tool calls wait for their results (see
 * {@link PendingToolCalls}), and the frontmatter's {@link SessionFacts} are accumulated in bounded
 * memory. Call {@link #accept} for each event in order, then {@link #finish()} once.
 *
 * <p>A heading {@code # <speaker>_<yyyy-MM-dd_HHmm_ss>} starts each change of speaker; blocks are
 * separated by one blank line and the body ends with exactly one {@code \n} (an empty body writes
 * nothing). The document is the frontmatter, then {@code \n}, then this body (see {@link
 * MarkdownRenderer}). Deterministic: the same events and options give the same bytes.
 */
public final class MarkdownBodyWriter {
    private final Writer out;
    private final MarkdownOptions options;
    private final FactsCollector facts = new FactsCollector();
    private final PendingToolCalls pending = new PendingToolCalls();
    private @Nullable Speaker current;
    private @Nullable String lastModel;
    private boolean wroteAny;
    private boolean finished;

    public MarkdownBodyWriter(Writer out, MarkdownOptions options) {
        this.out = requireNonNull(out, "out");
        this.options = requireNonNull(options, "options");
    }

    /** Renders one event (or holds it briefly, for tool calls). */
    public void accept(ConversationEvent event) throws IOException {
        requireNonNull(event, "event");
        if (finished) {
            throw new IllegalStateException("finish() was already called");
        }
        facts.accept(event);
        switch (event) {
            case UserMessage u -> user(u);
            case AssistantMessage a -> assistant(a);
            case Thinking t -> thinking(t);
            case ToolCall c -> toolCall(c);
            case ToolResult r -> toolResult(r);
            case Decision d -> decision(d);
            case SystemNotice s -> {
                if (options.includeSystemEvents()) {
                    block(Speaker.SYSTEM, s, Blocks.notice(s));
                }
            }
            case ProviderInfo p -> {
                if (options.includeSystemEvents()) {
                    block(Speaker.SYSTEM, p, Blocks.providerInfo(p));
                }
            }
        }
    }

    /** Renders the tool calls still held. Call once, after the last event. */
    public void finish() throws IOException {
        if (!finished) {
            flushPending();
            finished = true;
        }
    }

    /** What the frontmatter needs, from every event accepted so far. */
    public SessionFacts facts() {
        return facts.facts();
    }

    /** Whether any byte was written; an empty body means a frontmatter-only document. */
    public boolean wroteAnything() {
        return wroteAny;
    }

    /** Tool calls currently held back (at most {@link PendingToolCalls#MAX_CALLS}). */
    int heldToolCalls() {
        return pending.size();
    }

    /** Names remembered for late results (at most {@link PendingToolCalls#MAX_AWAITED}). */
    int awaitedToolResults() {
        return pending.awaitedCount();
    }

    private void user(UserMessage u) throws IOException {
        if (u.isHumanTyped()) {
            String text = ProseText.contain(u.text(), options.italicizeUserMessages());
            if (!text.isEmpty()) {
                block(Speaker.USER, u, text + "\n");
            }
        } else if (options.includeSystemEvents() && !u.text().isBlank()) {
            block(Speaker.SYSTEM, u, Blocks.nonHumanUserText(u));
        }
    }

    private void assistant(AssistantMessage a) throws IOException {
        Speaker speaker = assistantSpeaker(a, a.model());
        if (a.phase() == AssistantPhase.COMMENTARY && !options.includeCommentary()) {
            return;
        }
        String text = ProseText.contain(a.text(), false);
        if (!text.isEmpty()) {
            block(speaker, a, text + "\n");
        }
    }

    private void thinking(Thinking t) throws IOException {
        Speaker speaker = assistantSpeaker(t, t.model());
        if (options.includeThinking()) {
            String text = Blocks.thinking(t.text());
            if (!text.isEmpty()) {
                block(speaker, t, text);
            }
        }
    }

    private void toolCall(ToolCall c) throws IOException {
        Speaker speaker = assistantSpeaker(c, c.model());
        if (!options.includeToolCalls()) {
            return;
        }
        if (pending.isFull()) {
            flushPending();
        }
        pending.hold(c, speaker);
    }

    private void toolResult(ToolResult r) throws IOException {
        if (!options.includeToolCalls() || pending.tryAttach(r, options.toolResultMaxChars())) {
            return;
        }
        flushPending();
        String name = pending.tryTakeAwaitedName(r.toolCallId()).orElse("");
        ToolBlocks.Result text = ToolBlocks.Result.of(r, options.toolResultMaxChars());
        write(
                assistantSpeaker(r, null),
                r.meta().timestamp(),
                ToolBlocks.standaloneResult(name, text));
    }

    private void decision(Decision d) throws IOException {
        Speaker speaker =
                d.status() == DecisionStatus.ACCEPTED ? Speaker.USER : assistantSpeaker(d, null);
        block(speaker, d, Blocks.decision(d));
    }

    /** The assistant speaker for this event's model, else the latest model seen. */
    private Speaker assistantSpeaker(ConversationEvent e, @Nullable String model) {
        if (model != null && !model.isBlank()) {
            lastModel = InlineText.cut(model, SessionFacts.MAX_MODEL_CHARS);
        }
        return Speaker.assistant(lastModel, e.meta().provider());
    }

    private void block(Speaker speaker, ConversationEvent e, String text) throws IOException {
        flushPending();
        write(speaker, e.meta().timestamp(), text);
    }

    private void flushPending() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        for (PendingToolCalls.Entry entry : pending.drain()) {
            ToolCall call = entry.call();
            write(entry.speaker(), call.meta().timestamp(), ToolBlocks.call(call, entry.result()));
        }
    }

    private void write(Speaker speaker, @Nullable Instant time, String text) throws IOException {
        if (current == null || !speaker.continues(current)) {
            separate();
            out.write(speaker.heading(time, options.zone()));
            out.write('\n');
        }
        current = speaker;
        separate();
        out.write(text);
    }

    private void separate() throws IOException {
        if (wroteAny) {
            out.write('\n');
        }
        wroteAny = true;
    }
}

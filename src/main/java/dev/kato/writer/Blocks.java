package dev.kato.writer;

import dev.kato.event.Decision;
import dev.kato.event.DecisionOption;
import dev.kato.event.DecisionStatus;
import dev.kato.event.ProviderInfo;
import dev.kato.event.SystemNotice;
import dev.kato.event.UserMessage;

/**
 * Body blocks other than plain messages and tools. Text that no person typed is either fenced
 * ({@link Fence}) or reduced to one escaped line ({@link InlineText}); each block ends in {@code
 * \n}.
 */
final class Blocks {
    private static final int MAX_INFO_CHARS = 500;

    private Blocks() {}

    /** Thinking in a collapsed {@code <details>}; "" when there is nothing to show. */
    static String thinking(String text) {
        String prose = ProseText.contain(text, false);
        if (prose.isEmpty()) {
            return "";
        }
        return "<details>\n<summary>Thinking</summary>\n\n" + prose + "\n\n</details>\n";
    }

    /**
     * A question: the question line, then for proposals the options, for answers the answer. Every
     * line starts with text Kato wrote, so content cannot start a block.
     */
    static String decision(Decision d) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("**Question**");
        String key = InlineText.collapse(d.decisionKey());
        if (!key.isEmpty() && !key.equals(InlineText.collapse(d.question()))) {
            sb.append(" (").append(InlineText.markdown(key)).append(')');
        }
        sb.append(": ").append(InlineText.markdown(d.question())).append('\n');
        if (d.status() == DecisionStatus.ACCEPTED) {
            String answer = d.answer() == null ? "" : d.answer();
            sb.append("\n**Answer:** ").append(InlineText.markdown(answer)).append('\n');
            return sb.toString();
        }
        if (!d.options().isEmpty()) {
            sb.append('\n');
            for (DecisionOption o : d.options()) {
                sb.append(option(o));
            }
        }
        return sb.toString();
    }

    private static String option(DecisionOption o) {
        String label = InlineText.markdown(o.label());
        String description = InlineText.markdown(o.description());
        StringBuilder sb = new StringBuilder("- ");
        sb.append(label.isEmpty() ? "*(no label)*" : "**" + label + "**");
        if (!description.isEmpty()) {
            sb.append(": ").append(description);
        }
        return sb.append('\n').toString();
    }

    /** A harness notice: its subtype, then its text fenced. */
    static String notice(SystemNotice s) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("**System notice**");
        String subtype = InlineText.markdown(s.subtype());
        if (!subtype.isEmpty()) {
            sb.append(" (").append(subtype).append(')');
        }
        sb.append('\n');
        if (!s.text().isBlank()) {
            sb.append('\n').append(Fence.block("text", s.text()));
        }
        return sb.toString();
    }

    /** Provider metadata on one escaped line. */
    static String providerInfo(ProviderInfo p) {
        return "**Provider info** ("
                + InlineText.markdown(p.infoType())
                + "): "
                + InlineText.markdown(InlineText.shortened(p.value(), MAX_INFO_CHARS))
                + "\n";
    }

    /** User-role text no person typed, fenced inside a collapsed block naming its origin. */
    static String nonHumanUserText(UserMessage u) {
        String origin = u.origin().wireName() + (u.meta().fromSubAgent() ? ", sub-agent" : "");
        return "<details>\n<summary>User-role text ("
                + InlineText.html(origin, 80)
                + ")</summary>\n\n"
                + Fence.block("text", u.text())
                + "\n</details>\n";
    }
}

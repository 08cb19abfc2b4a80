package dev.kato.writer;

import static java.util.Objects.requireNonNull;

import dev.kato.event.ConversationEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Renders a whole Markdown transcript in memory, for tests and small sessions. Large sessions
 * stream instead: feed a {@link MarkdownBodyWriter} (the body goes to a temporary file), then write
 * {@link Frontmatter#render} or {@link Frontmatter#merge} of its {@link
 * MarkdownBodyWriter#facts()}, then the body, joined as {@link #join} does.
 *
 * <p>Pure and deterministic: no file I/O, no clock (the frontmatter's times come from the events),
 * the same events and options give the same bytes.
 */
public final class MarkdownRenderer {

    /** The document for these events: frontmatter (unless disabled), then the body. */
    public String render(
            List<ConversationEvent> events, List<String> recordingIds, MarkdownOptions o) {
        BodyAndFacts rendered = body(events, o);
        String frontmatter =
                o.includeFrontmatter() ? Frontmatter.render(rendered.facts, recordingIds, o) : "";
        return join(frontmatter, rendered.body);
    }

    /**
     * The document to write over a file that currently holds {@code existingText} (empty: no file
     * yet). The body is always rendered anew; the existing frontmatter is merged (see {@link
     * Frontmatter}). A frontmatter Kato cannot read is {@link MergeOutcome.Malformed}: write
     * nothing then.
     */
    public MergeOutcome renderDocument(
            List<ConversationEvent> events,
            List<String> recordingIds,
            MarkdownOptions o,
            Optional<String> existingText) {
        requireNonNull(existingText, "existingText");
        if (existingText.isEmpty()) {
            return new MergeOutcome.Merged(render(events, recordingIds, o));
        }
        BodyAndFacts rendered = body(events, o);
        return switch (Frontmatter.merge(existingText.get(), rendered.facts, recordingIds, o)) {
            case MergeOutcome.Merged m -> new MergeOutcome.Merged(join(m.text(), rendered.body));
            case MergeOutcome.Malformed bad -> bad;
        };
    }

    /**
     * A document from its parts: the frontmatter block (ending in {@code \n}, or ""), a blank line
     * when both parts are present, then the body.
     */
    public static String join(String frontmatter, String body) {
        if (frontmatter.isEmpty() || body.isEmpty()) {
            return frontmatter + body;
        }
        return frontmatter + "\n" + body;
    }

    private record BodyAndFacts(String body, SessionFacts facts) {
        @Override
        public String toString() {
            return "BodyAndFacts[chars=" + body.length() + ", " + facts + "]";
        }
    }

    private static BodyAndFacts body(List<ConversationEvent> events, MarkdownOptions o) {
        requireNonNull(o, "options");
        StringWriter out = new StringWriter(4096);
        MarkdownBodyWriter writer = new MarkdownBodyWriter(out, o);
        try {
            for (ConversationEvent e : events) {
                writer.accept(e);
            }
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return new BodyAndFacts(out.toString(), writer.facts());
    }
}

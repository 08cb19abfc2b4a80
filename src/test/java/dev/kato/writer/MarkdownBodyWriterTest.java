package dev.kato.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kato.event.ConversationEvent;
import dev.kato.event.EventKind;
import dev.kato.event.Provider;
import dev.kato.event.UserOrigin;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownBodyWriterTest {
    private static final MarkdownOptions EVERYTHING =
            MarkdownOptions.builder()
                    .includeThinking(true)
                    .includeToolCalls(true)
                    .includeSystemEvents(true)
                    .toolResultMaxChars(64)
                    .build();

    /** Counts characters and keeps nothing. */
    private static final class CountingWriter extends Writer {
        long chars;

        @Override
        public void write(char[] buf, int off, int len) {
            chars += len;
        }

        @Override
        public void write(String s) {
            chars += s.length();
        }

        @Override
        public void write(int c) {
            chars++;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    private static String body(List<ConversationEvent> events, MarkdownOptions o)
            throws IOException {
        StringWriter out = new StringWriter();
        MarkdownBodyWriter w = new MarkdownBodyWriter(out, o);
        for (ConversationEvent e : events) {
            w.accept(e);
        }
        w.finish();
        return out.toString();
    }

    @Test
    void fiftyThousandEvents_streamWithBoundedState() throws IOException {
        CountingWriter sink = new CountingWriter();
        MarkdownBodyWriter w = new MarkdownBodyWriter(sink, EVERYTHING);
        Instant start = Instant.parse("2026-02-21T15:44:14Z");
        int maxHeld = 0;
        int accepted = 0;
        List<WeakReference<ConversationEvent>> rendered = new ArrayList<>();
        for (int turn = 0; accepted < 50_000; turn++) {
            List<ConversationEvent> events =
                    new TestSession(Provider.CLAUDE, "s-1", start.plusSeconds(2L * turn))
                            .step(Duration.ofMillis(250))
                            .user("Question " + turn + "\n" + "context ".repeat(20))
                            .thinking("claude-opus-4-6", "thinking about " + turn)
                            .toolCall("call-" + turn, "Read", "file" + turn, "{\"n\":" + turn + "}")
                            .toolCall("orphan-" + turn, "Bash", "never answered", "{}")
                            .toolResult("call-" + turn, "result ".repeat(40))
                            .assistant(
                                    turn % 2 == 0 ? "claude-opus-4-6" : "model-" + (turn % 100),
                                    "Answer " + turn)
                            .toolResult("late-" + turn, "late result")
                            .events();
            for (ConversationEvent e : events) {
                w.accept(e);
                maxHeld = Math.max(maxHeld, w.heldToolCalls());
            }
            if (turn % 100 == 0) {
                rendered.add(new WeakReference<>(events.getFirst()));
                rendered.add(new WeakReference<>(events.get(4)));
            }
            accepted += events.size();
        }
        w.finish();
        assertThat(collectedCount(rendered)).isGreaterThan(rendered.size() * 9 / 10);
        SessionFacts facts = w.facts();
        assertThat(sink.chars).isGreaterThan(5_000_000L);
        assertThat(maxHeld).isLessThanOrEqualTo(PendingToolCalls.MAX_CALLS);
        assertThat(w.heldToolCalls()).isZero();
        assertThat(w.awaitedToolResults()).isLessThanOrEqualTo(PendingToolCalls.MAX_AWAITED);
        assertThat(facts.models()).hasSize(SessionFacts.MAX_MODELS);
        assertThat(facts.eventKinds()).hasSizeLessThanOrEqualTo(EventKind.values().length);
        assertThat(facts.title()).isEqualTo("Question 0");
    }

    /** How many referents the collector reclaimed: the writer must not keep rendered events. */
    private static int collectedCount(List<WeakReference<ConversationEvent>> refs) {
        for (int i = 0; i < 5; i++) {
            System.gc();
            if (refs.stream().allMatch(r -> r.get() == null)) {
                break;
            }
        }
        return (int) refs.stream().filter(r -> r.get() == null).count();
    }

    @Test
    void resultRightAfterItsCall_isRenderedInsideTheCall() throws IOException {
        String md =
                body(
                        TestSession.claude()
                                .toolCall("a", "Read", "x", "{}")
                                .toolResult("a", "content")
                                .events(),
                        EVERYTHING);
        assertThat(md)
                .isEqualTo(
                        "# claude_2026-02-21_1544_14\n\n<details>\n<summary>Tool: Read — x</summary>\n\n"
                                + "```json\n{}\n```\n\nResult:\n\n```text\ncontent\n```\n\n</details>\n");
    }

    @Test
    void resultAfterOtherOutput_getsItsOwnBlock_namedAfterItsCall() throws IOException {
        String md =
                body(
                        TestSession.claude()
                                .toolCall("a", "Read", "x", "{}")
                                .assistant("claude-opus-4-6", "meanwhile")
                                .toolResult("a", "content")
                                .events(),
                        EVERYTHING);
        assertThat(md)
                .contains(
                        "# claude_2026-02-21_1544_14\n\n<details>\n<summary>Tool: Read — x</summary>\n\n"
                                + "```json\n{}\n```\n\n</details>\n\nmeanwhile\n")
                .endsWith(
                        "<summary>Tool result: Read</summary>\n\nResult:\n\n```text\ncontent\n```\n\n</details>\n");
    }

    @Test
    void hiddenEventsBetweenCallAndResult_doNotSplitThem() throws IOException {
        String md =
                body(
                        TestSession.claude()
                                .toolCall("a", "Read", "x", "{}")
                                .thinking("claude-opus-4-6", "hidden")
                                .toolResult("a", "content")
                                .events(),
                        MarkdownOptions.builder().includeToolCalls(true).build());
        assertThat(md).contains("Result:\n\n```text\ncontent\n```").doesNotContain("Tool result");
    }

    @Test
    void manyParallelCalls_areFlushedInBatches() throws IOException {
        TestSession s = TestSession.claude();
        for (int i = 0; i < PendingToolCalls.MAX_CALLS * 3; i++) {
            s.toolCall("c" + i, "Read", "f" + i, "{}");
        }
        StringWriter out = new StringWriter();
        MarkdownBodyWriter w = new MarkdownBodyWriter(out, EVERYTHING);
        for (ConversationEvent e : s.events()) {
            w.accept(e);
            assertThat(w.heldToolCalls()).isLessThanOrEqualTo(PendingToolCalls.MAX_CALLS);
        }
        w.finish();
        assertThat(out.toString().split("<summary>Tool: Read", -1))
                .hasSize(PendingToolCalls.MAX_CALLS * 3 + 1);
    }

    @Test
    void toolCallsOff_resultsAreHiddenToo() throws IOException {
        String md =
                body(
                        TestSession.claude()
                                .user("hi")
                                .toolCall("a", "Read", "x", "{}")
                                .toolResult("a", "content")
                                .toolResult("b", "orphan")
                                .events(),
                        MarkdownOptions.DEFAULTS);
        assertThat(md).isEqualTo("# User_2026-02-21_1544_14\n\nhi\n");
    }

    @Test
    void blankMessages_produceNoHeading() throws IOException {
        String md =
                body(
                        TestSession.claude()
                                .user("  \n\n ")
                                .assistant("claude-opus-4-6", "\n")
                                .userFrom(UserOrigin.TOOL_OUTPUT, " ")
                                .events(),
                        EVERYTHING);
        assertThat(md).isEmpty();
    }

    @Test
    void speakerChangeOnly_startsAHeading_sameSpeakerBlocksAreSeparatedByABlankLine()
            throws IOException {
        String md =
                body(
                        TestSession.claude()
                                .user("one\r\ntwo\r\n\r\n")
                                .user("three")
                                .assistant("claude-opus-4-6", "four")
                                .assistant(null, "five")
                                .events(),
                        MarkdownOptions.DEFAULTS);
        assertThat(md)
                .isEqualTo(
                        "# User_2026-02-21_1544_14\n\none\ntwo\n\nthree\n\n"
                                + "# claude-opus-4.6_2026-02-21_1544_26\n\nfour\n\nfive\n");
    }

    @Test
    void modelBecomingKnown_continuesTheTurn_aLaterModelChangeStartsANewOne() throws IOException {
        String md =
                body(
                        TestSession.codex()
                                .assistant(null, "one")
                                .assistant("gpt-5.3-codex", "two")
                                .assistant("gpt-5.4", "three")
                                .events(),
                        MarkdownOptions.DEFAULTS);
        assertThat(md)
                .isEqualTo(
                        "# codex_2026-02-21_1544_14\n\none\n\ntwo\n\n"
                                + "# gpt-5.4_2026-02-21_1544_26\n\nthree\n");
    }

    @Test
    void streamingOutput_equalsTheFacadeBody() throws IOException {
        List<ConversationEvent> events = WriterFixtures.codexConversation();
        MarkdownOptions o = EVERYTHING.toBuilder().includeFrontmatter(false).build();
        assertThat(body(events, o)).isEqualTo(new MarkdownRenderer().render(events, List.of(), o));
    }

    @Test
    void acceptAfterFinish_fails() throws IOException {
        MarkdownBodyWriter w = new MarkdownBodyWriter(new StringWriter(), MarkdownOptions.DEFAULTS);
        w.finish();
        w.finish();
        ConversationEvent e = TestSession.claude().user("x").events().getFirst();
        assertThatThrownBy(() -> w.accept(e)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void facts_takeTheFirstHumanMessage_andTheProviderTitleOnlyAsAFallback() throws IOException {
        MarkdownBodyWriter w = new MarkdownBodyWriter(new StringWriter(), MarkdownOptions.DEFAULTS);
        for (ConversationEvent e :
                TestSession.codex()
                        .info("title", "Provider   title")
                        .userFrom(UserOrigin.PROGRAM, "program prompt")
                        .events()) {
            w.accept(e);
        }
        assertThat(w.facts().title()).isEqualTo("Provider title");
        w.accept(
                TestSession.codex()
                        .user("\n\n   Real\tfirst   line  \nsecond")
                        .events()
                        .getFirst());
        assertThat(w.facts().title()).isEqualTo("Real first line");
        assertThat(w.facts().toString()).doesNotContain("Real");
    }
}

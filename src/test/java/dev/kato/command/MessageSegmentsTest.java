package dev.kato.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Boundaries inside one message ({@code product.md} §5). */
class MessageSegmentsTest {

    private static MessageSegments segmentsOf(String message) {
        return MessageSegments.of(message, (CommandParse.Commands) CommandParser.parse(message));
    }

    /** Renders segments as {@code lead[0,1) | record snap- follow[1,3) | ...}. */
    private static String describe(MessageSegments s) {
        StringBuilder out = new StringBuilder("lead" + range(s.leading()));
        for (CommandSegment seg : s.segments()) {
            out.append(" | ")
                    .append(seg.command().command().commandName())
                    .append(" snap")
                    .append(seg.snapshot().map(MessageSegmentsTest::range).orElse("-"))
                    .append(" follow")
                    .append(range(seg.following()));
        }
        return out.toString();
    }

    private static String range(LineRange r) {
        return "[" + r.start() + "," + r.end() + ")";
    }

    @Test
    void record_seedsFromItsLineToNextCommand() {
        MessageSegments s = segmentsOf("before\n::record\nseed 1\nseed 2\n::stop\nafter");
        assertThat(describe(s))
                .isEqualTo("lead[0,1) | record snap- follow[1,4) | stop snap- follow[4,6)");
        assertThat(s.text(s.segments().get(0).following())).isEqualTo("::record\nseed 1\nseed 2\n");
        assertThat(s.text(s.leading())).isEqualTo("before\n");
    }

    @Test
    void record_aloneSeedsToEndOfMessage() {
        MessageSegments s = segmentsOf("::record\nrest");
        assertThat(describe(s)).isEqualTo("lead[0,0) | record snap- follow[0,2)");
        assertThat(s.text(s.leading())).isEmpty();
    }

    @Test
    void capture_includesItsLineThenContinuesAfterIt() {
        MessageSegments s = segmentsOf("intro\n::capture /a.md\nnext\n::export /b.md\nlast");
        assertThat(describe(s))
                .isEqualTo(
                        "lead[0,1) | capture snap[0,2) follow[2,3)"
                                + " | export snap[0,3) follow[3,5)");
        CommandSegment capture = s.segments().get(0);
        assertThat(s.text(capture.snapshot().orElseThrow())).isEqualTo("intro\n::capture /a.md\n");
        assertThat(s.text(capture.following())).isEqualTo("next\n");
        CommandSegment export = s.segments().get(1);
        assertThat(s.text(export.snapshot().orElseThrow()))
                .isEqualTo("intro\n::capture /a.md\nnext\n");
    }

    @Test
    void export_writesUpToItsLineOnly() {
        MessageSegments s = segmentsOf("a\nb\n::export /x.md\nc");
        assertThat(s.segments().getFirst().snapshot()).contains(new LineRange(0, 2));
        assertThat(s.text(new LineRange(0, 2))).isEqualTo("a\nb\n");
    }

    @Test
    void init_and_stop_haveNoSnapshot() {
        MessageSegments s = segmentsOf("::init\n::record\nx\n::stop");
        assertThat(describe(s))
                .isEqualTo(
                        "lead[0,0) | init snap- follow[0,1) | record snap- follow[1,3)"
                                + " | stop snap- follow[3,4)");
        assertThat(s.segments().get(2).snapshot()).isEqualTo(Optional.empty());
    }

    @Test
    void fencedCommandLines_areOrdinaryLinesOfASegment() {
        MessageSegments s = segmentsOf("::record\n```\n::stop\n```\ntail");
        assertThat(describe(s)).isEqualTo("lead[0,0) | record snap- follow[0,5)");
    }

    @Test
    void text_keepsCrlfAndReassemblesTheMessage() {
        String message = "one\r\n::capture\r\ntwo\r\n::record\r\nthree";
        MessageSegments s = segmentsOf(message);
        assertThat(s.lineCount()).isEqualTo(5);
        StringBuilder whole = new StringBuilder(s.text(s.leading()));
        List<CommandSegment> segs = s.segments();
        for (int k = 0; k < segs.size(); k++) {
            int end = k + 1 < segs.size() ? segs.get(k + 1).command().lineIndex() : s.lineCount();
            whole.append(s.text(new LineRange(segs.get(k).command().lineIndex(), end)));
        }
        assertThat(whole.toString()).isEqualTo(message);
        assertThat(s.text(segs.getFirst().snapshot().orElseThrow()))
                .isEqualTo("one\r\n::capture\r\n");
    }

    @Test
    void of_rejectsCommandsFromAnotherMessage() {
        CommandParse.Commands other = (CommandParse.Commands) CommandParser.parse("::record");
        assertThatThrownBy(() -> MessageSegments.of("x\n::record", other))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void text_rejectsRangesPastTheEnd() {
        MessageSegments s = segmentsOf("::record");
        assertThatThrownBy(() -> s.text(new LineRange(0, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toString_isContentFree() {
        assertThat(segmentsOf("secret\n::record").toString())
                .isEqualTo("MessageSegments[lines=2, commands=1]");
    }
}

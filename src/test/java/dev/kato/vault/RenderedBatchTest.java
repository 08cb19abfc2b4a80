package dev.kato.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.ingest.SessionParsers;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParserLimits;
import dev.kato.testing.ParserRuns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A batch's buffer is sized from its events ({@link RenderedBatch#expectedBytes}) when it is larger
 * than a thread keeps: the lines are the same either way, and the size is close to the real one.
 */
class RenderedBatchTest {

    @ParameterizedTest
    @CsvSource({
        "CLAUDE, claude.jsonl, session.jsonl",
        "CODEX, codex.jsonl, rollout-training.jsonl"
    })
    void largeBatch_rendersTheSameLines_andItsSizeIsEstimatedClosely(
            Provider provider, String resource, String fileName) throws IOException {
        List<ConversationEvent> once = parse(provider, resource, fileName);
        List<ConversationEvent> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            events.addAll(once);
        }

        RenderedBatch batch = RenderedBatch.of(events);

        ByteArrayOutputStream oneByOne = new ByteArrayOutputStream();
        for (ConversationEvent e : events) {
            oneByOne.writeBytes(RenderedBatch.of(List.of(e)).lineBytes());
        }
        assertThat(batch.lineBytes()).isEqualTo(oneByOne.toByteArray());
        int rendered = batch.lineBytes().length;
        // large enough to take the presized path, and within a fifth or so of the real size
        assertThat(RenderedBatch.expectedBytes(events)).isGreaterThan(256 << 10);
        assertThat((double) RenderedBatch.expectedBytes(events) / rendered).isBetween(0.8, 1.4);
    }

    private static List<ConversationEvent> parse(
            Provider provider, String resource, String fileName) throws IOException {
        byte[] bytes;
        try (InputStream in =
                RenderedBatch.class.getResourceAsStream("/dev/kato/cli/training/" + resource)) {
            bytes = in.readAllBytes();
        }
        return ParserRuns.whole(
                        () ->
                                SessionParsers.create(
                                        ParseContext.main(provider, fileName),
                                        ParserLimits.DEFAULT),
                        bytes)
                .events;
    }
}

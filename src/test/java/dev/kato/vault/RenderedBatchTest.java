package dev.kato.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.event.SessionKey;
import dev.kato.event.UserMessage;
import dev.kato.ingest.SessionParsers;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParserLimits;
import dev.kato.testing.ParserRuns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rendering a batch: its buffer is sized from its events ({@link RenderedBatch#expectedBytes}) when
 * it is larger than a thread keeps, with the same lines either way; and lone surrogates become
 * {@code ?} while everything around them is kept.
 */
class RenderedBatchTest {
    private static final SessionKey KEY = new SessionKey(Provider.CLAUDE, "s-1");

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

    /**
     * Lone surrogates become {@code ?} and nothing else changes, whatever backslashes, {@code u}s,
     * hex digits and surrogate pairs surround them: seeded random texts from those pieces, each
     * rendered in one batch and read back by the vault's reader.
     */
    @Test
    void loneSurrogates_becomeQuestionMarks_amongBackslashesAndLookalikes() {
        String[] pieces = {
            "\\",
            "\\\\",
            "\\uD8",
            "\\uDC",
            "u",
            "D",
            "8",
            "00",
            "a",
            "\"",
            "\n",
            "\uD800",
            "\uDFFF",
            "\uD83D\uDE00",
            "é"
        };
        Random random = new Random(20261206);
        JsonlEventReader reader = new JsonlEventReader();
        for (int round = 0; round < 2_000; round++) {
            List<ConversationEvent> events = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(24); i > 0; i--) {
                    text.append(pieces[random.nextInt(pieces.length)]);
                }
                events.add(VaultEvents.user(KEY, "e" + e, e, text.toString()));
                expected.add(withoutLoneSurrogates(text.toString()));
            }
            RenderedBatch batch = RenderedBatch.of(events);
            int start = 0;
            int[] ends = batch.lineEnds();
            for (int e = 0; e < ends.length; e++) {
                EventReadResult read =
                        reader.read(Arrays.copyOfRange(batch.lineBytes(), start, ends[e] - 1));
                assertThat(read).isInstanceOf(EventReadResult.Parsed.class);
                assertThat(((UserMessage) ((EventReadResult.Parsed) read).event()).text())
                        .isEqualTo(expected.get(e));
                start = ends[e];
            }
        }
    }

    private static String withoutLoneSurrogates(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '?' : c);
            }
        }
        return out.toString();
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

package dev.kato.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.event.ToolCall;
import dev.kato.event.ToolResult;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import dev.kato.vault.RenderedBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte pre-check that lets the daemon skip the command search in texts that cannot hold the
 * marker. It may say "maybe" wrongly, never "no" wrongly: checked on canonical lines rendered by
 * the real renderer from random texts, and on hand-written escapes a renderer would not produce.
 */
class CommandMarkerTest {
    private static final String ALPHABET = "ab :\n\t\"\\/é€😀\u0001\u007fu0003aA";

    @Test
    void aTextWithTheMarker_isAlwaysFlagged_andOneWithoutColons_never() {
        Random random = new Random(20261206);
        for (int round = 0; round < 20_000; round++) {
            String text = randomText(random);
            for (ConversationEvent event : List.of(toolResult(text), user(text))) {
                boolean flagged = flagged(event);
                if (text.contains("::")) {
                    assertThat(flagged).as("round %d", round).isTrue();
                }
                if (text.indexOf(':') < 0 && !text.contains("\\u003")) {
                    assertThat(flagged).as("round %d", round).isFalse();
                }
            }
        }
    }

    @Test
    void aColonWrittenAsAnEscape_isFlagged() {
        assertThat(mayAppear("{\"text\":\"a\\u003a:b\"}")).isTrue();
        assertThat(mayAppear("{\"text\":\"a:\\u003Ab\"}")).isTrue();
        assertThat(mayAppear("{\"text\":\"\\u003a\\u003a\"}")).isTrue();
    }

    @Test
    void singleColonsAndOtherEscapes_areNotFlagged() {
        assertThat(mayAppear("{\"kind\":\"tool-result\",\"text\":\"a: b : c\\n\\u0001\"}"))
                .isFalse();
        assertThat(mayAppear("{\"text\":\"\\u0030\\u003b\"}")).isFalse();
        // an escape cut off at the end of the range is no colon
        assertThat(mayAppear("{\"text\":\"\\u003")).isFalse();
    }

    @Test
    void aToolInputWhoseOwnJsonEscapesAColon_isFlagged() {
        // the input is JSON text in a JSON string: its escape arrives as \\u003a in the line
        ToolCall call =
                new ToolCall(
                        meta("c1"),
                        "call-1",
                        "Bash",
                        "",
                        "{\"command\":\"echo \\u003a\\u003aexport x.md\"}",
                        null);
        assertThat(call.inputJson()).doesNotContain("::");
        assertThat(flagged(call)).isTrue();
    }

    @Test
    void onlyTheGivenRangeIsSearched() {
        byte[] two = "{\"text\":\"a\"}\n{\"text\":\"::\"}\n".getBytes(StandardCharsets.UTF_8);
        int firstEnd = "{\"text\":\"a\"}\n".length();
        assertThat(CommandMarker.mayAppearIn(two, 0, firstEnd)).isFalse();
        assertThat(CommandMarker.mayAppearIn(two, firstEnd, two.length)).isTrue();
    }

    private static boolean mayAppear(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return CommandMarker.mayAppearIn(b, 0, b.length);
    }

    private static boolean flagged(ConversationEvent event) {
        RenderedBatch line = RenderedBatch.of(List.of(event));
        return CommandMarker.mayAppearIn(line.lineBytes(), line.lineStart(0), line.lineEnd(0));
    }

    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            b.appendCodePoint(
                    ALPHABET.codePointAt(
                            ALPHABET.offsetByCodePoints(
                                    0,
                                    random.nextInt(
                                            ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        return b.toString();
    }

    private static EventMeta meta(String id) {
        return new EventMeta(
                EventId.of(Provider.CLAUDE, id),
                Provider.CLAUDE,
                "sess-marker",
                Instant.parse("2026-12-06T10:00:00Z"),
                null,
                "test",
                id,
                null);
    }

    private static ToolResult toolResult(String text) {
        return new ToolResult(meta("r1"), "call-1", text, false);
    }

    private static UserMessage user(String text) {
        return new UserMessage(meta("u1"), text, UserOrigin.HUMAN);
    }
}

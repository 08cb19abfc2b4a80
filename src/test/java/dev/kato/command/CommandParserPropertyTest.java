package dev.kato.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated messages (seeded, so failures reproduce): 40 seeds × 250 messages per property.
 * Messages are built from fragments chosen to hit the grammar's edges: markers, fences, quotes,
 * list and quote prefixes, backticks, CR/LF, lookalike characters.
 */
class CommandParserPropertyTest {
    private static final int MESSAGES_PER_SEED = 250;

    private static final List<String> FRAGMENTS =
            List.of(
                    "::record",
                    "::stop",
                    "::init",
                    "::capture",
                    "::export /a.md",
                    "::export",
                    "::record x",
                    "::bogus",
                    "::",
                    ":",
                    "::CAPTURE \"/b c.md\"",
                    "::init @m",
                    "::export [t](/l.md)",
                    "::capture ~/x.md",
                    "```",
                    "````",
                    "~~~",
                    "~~~~",
                    "`",
                    "``",
                    "\\",
                    "> ",
                    "- ",
                    "* ",
                    "1. ",
                    "   ",
                    "    ",
                    "\t",
                    " ",
                    "\n",
                    "\n",
                    "\n",
                    "\r\n",
                    "\r",
                    "text",
                    "more words",
                    "\u200B",
                    "\uFF1A",
                    "\u00A0",
                    "\u017F",
                    "\uD83D\uDE00",
                    "\"",
                    "'",
                    "[",
                    "](",
                    ")",
                    "@",
                    "~",
                    "/");

    static LongStream seeds() {
        return LongStream.range(0, 40).map(i -> 0x5EEDL * 31 + i);
    }

    static String message(Random random) {
        int parts = random.nextInt(30);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
        }
        return text.toString();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void parse_neverThrows_andInvariantsHold(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < MESSAGES_PER_SEED; i++) {
            CommandInvariants.check(message(random));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void parse_withoutMarkerAtLineStart_isNone(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < MESSAGES_PER_SEED; i++) {
            String message = message(random).replaceAll("(?m)^([ \\t]*)::", "$1x::");
            assertThat(CommandParser.parse(message)).isEqualTo(new CommandParse.None());
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void parse_insideFence_isNone(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < MESSAGES_PER_SEED; i++) {
            String message = message(random);
            char marker = random.nextBoolean() ? '`' : '~';
            assertThat(CommandParser.parse(CommandInvariants.fenced(message, marker)))
                    .isEqualTo(new CommandParse.None());
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void parse_commandsComeBackInLineOrder(long seed) {
        Random random = new Random(seed);
        List<String> valid =
                List.of("::record", "::stop", "::init", "::capture /c.md", "::export x");
        for (int i = 0; i < MESSAGES_PER_SEED; i++) {
            int count = 1 + random.nextInt(6);
            StringBuilder text = new StringBuilder();
            StringBuilder expected = new StringBuilder();
            int line = 0;
            for (int k = 0; k < count; k++) {
                int prose = random.nextInt(3);
                for (int p = 0; p < prose; p++, line++) {
                    text.append("prose ").append(p).append('\n');
                }
                String command = valid.get(random.nextInt(valid.size()));
                text.append(command).append('\n');
                expected.append(expected.isEmpty() ? "" : "; ")
                        .append("L")
                        .append(line++)
                        .append(" ")
                        .append(command.substring(2).replace(" x", " !RELATIVE"));
            }
            assertThat(CommandParses.describe(CommandParser.parse(text.toString())))
                    .isEqualTo(expected.toString());
        }
    }
}

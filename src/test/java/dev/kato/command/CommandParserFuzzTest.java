package dev.kato.command;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the command grammar (a regression test in the normal build; {@code
 * JAZZER_FUZZ=1} fuzzes for real): never throws, and the invariants of {@link CommandInvariants}
 * hold (no {@code ::} line means None, fenced means None, line order, CRLF equals LF, segments
 * reassemble the message).
 */
class CommandParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse_isTotal_andInvariantsHold(FuzzedDataProvider data) {
        CommandInvariants.check(data.consumeRemainingAsString());
    }
}

package dev.kato.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.EchoRecords;
import dev.kato.testing.ParserRuns;

/**
 * Coverage-guided fuzzing of JSONL framing (run as regression tests in the normal build; {@code
 * JAZZER_FUZZ=1} fuzzes for real): never throws, and chunked feeding equals one pass.
 */
class JsonlSessionParserFuzzTest {
    private static final RecordParser ECHO = EchoRecords.PARSER;

    @FuzzTest(maxDuration = "10s")
    void framing_isChunkInvariant(FuzzedDataProvider data) {
        int maxLine = data.consumeInt(16, 4096);
        long seed = data.consumeLong();
        byte[] bytes = data.consumeRemainingAsBytes();
        ParserLimits limits = ParserLimits.DEFAULT.withMaxLineBytes(maxLine);
        CollectingSink whole = ParserRuns.whole(() -> new JsonlSessionParser(limits, ECHO), bytes);
        CollectingSink chunked =
                ParserRuns.chunked(() -> new JsonlSessionParser(limits, ECHO), bytes, seed, 37);
        assertThat(ParserRuns.jsonl(chunked.events)).isEqualTo(ParserRuns.jsonl(whole.events));
        assertThat(chunked.anomalies).isEqualTo(whole.anomalies);
    }
}

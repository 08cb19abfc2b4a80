package dev.kato.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kato.writer.JsonlRenderer;

/**
 * Coverage-guided fuzzing of the canonical line reader (regression inputs in the normal build;
 * {@code JAZZER_FUZZ=1} fuzzes for real): arbitrary bytes never throw, and whatever parses renders
 * back to a line that reads as the same event.
 */
class JsonlEventReaderFuzzTest {
    private final JsonlEventReader reader = new JsonlEventReader();
    private final JsonlRenderer renderer = new JsonlRenderer();

    @FuzzTest(maxDuration = "10s")
    void anyBytes_neverThrow_andParsedEventsRoundTrip(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        EventReadResult result = reader.read(bytes);
        switch (result) {
            case EventReadResult.Parsed(var event) -> {
                String again = renderer.line(event);
                assertThat(reader.read(again)).isEqualTo(result);
            }
            case EventReadResult.Rejected(String reason) -> assertThat(reason).isNotEmpty();
        }
    }
}

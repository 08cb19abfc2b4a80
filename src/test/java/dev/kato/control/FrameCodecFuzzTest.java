package dev.kato.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Coverage-guided fuzzing of the control frame decoder (regression mode in the normal build; {@code
 * JAZZER_FUZZ=1} fuzzes for real): any input is either a valid message that re-encodes to the same
 * frame, or a {@link ControlProtocolException}. Nothing else escapes.
 */
class FrameCodecFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void decoder_failsClosed(FuzzedDataProvider data) throws Exception {
        boolean validHeader = data.consumeBoolean();
        byte[] rest = data.consumeRemainingAsBytes();
        byte[] input = validHeader ? FrameCodecTest.frame('K', 1, rest) : rest;
        try {
            ControlRequest request = FrameCodec.decodeRequest(input);
            assertThat(FrameCodec.decodeRequest(FrameCodec.encode(request))).isEqualTo(request);
        } catch (ControlProtocolException e) {
            assertThat(e.error()).isNotNull();
        }
        try {
            ControlReply reply = FrameCodec.decodeReply(input);
            assertThat(FrameCodec.decodeReply(FrameCodec.encode(reply))).isEqualTo(reply);
        } catch (ControlProtocolException e) {
            assertThat(e.error()).isNotNull();
        }
        try {
            FrameCodec.readRequest(new ByteArrayInputStream(input));
        } catch (ControlProtocolException e) {
            assertThat(e.error()).isNotNull();
        }
    }
}

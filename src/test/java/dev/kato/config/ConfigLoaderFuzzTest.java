package dev.kato.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the config loader (run as regression tests in the normal build; {@code
 * JAZZER_FUZZ=1} fuzzes for real): any bytes give {@code Loaded} or a clean {@code Invalid} with at
 * least one well-formed problem; never an exception, never {@code Missing}.
 */
class ConfigLoaderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse_anyBytes_isLoadedOrInvalid(FuzzedDataProvider data) {
        boolean prefix = data.consumeBoolean();
        byte[] body = data.consumeRemainingAsBytes();
        byte[] bytes = prefix ? withSchemaVersion(body) : body;
        ConfigResult result = ConfigLoader.parse(bytes, ConfigTesting.env());
        switch (result) {
            case ConfigResult.Loaded loaded -> assertThat(loaded.sha256()).hasSize(64);
            case ConfigResult.Invalid invalid ->
                    assertThat(invalid.problems())
                            .isNotEmpty()
                            .allSatisfy(p -> assertThat(p.render()).isNotBlank());
            case ConfigResult.Missing missing -> throw new AssertionError("parse never misses");
        }
    }

    private static byte[] withSchemaVersion(byte[] body) {
        byte[] head = "schemaVersion: 1\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + body.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(body, 0, bytes, head.length, body.length);
        return bytes;
    }
}

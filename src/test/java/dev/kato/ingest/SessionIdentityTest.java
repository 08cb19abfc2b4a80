package dev.kato.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionIdentityTest {
    @TempDir Path dir;

    private Path codexLog(int instructionBytes, boolean newline) throws IOException {
        String first =
                "{\"type\":\"session_meta\",\"payload\":{\"id\":\"0199a1b2-0000-7000-8000-00000000abcd\","
                        + "\"instructions\":\""
                        + "x".repeat(instructionBytes)
                        + "\"}}";
        Path file = dir.resolve("rollout-2026-11-01T10-00-00-0199a1b2.jsonl");
        Files.writeString(
                file,
                first + (newline ? "\n{\"type\":\"event_msg\"}\n" : ""),
                StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void firstLineLongerThanTheFirstRead_isStillReadWhole() throws IOException {
        for (int size : new int[] {10, 16 << 10, 100_000, 700_000}) {
            assertThat(SessionIdentity.codexSessionId(codexLog(size, true)))
                    .as("first line with %d bytes of instructions", size)
                    .contains("0199a1b2-0000-7000-8000-00000000abcd");
        }
    }

    @Test
    void firstLineWithoutLineEnd_isReadToTheEndOfTheFile() throws IOException {
        assertThat(SessionIdentity.codexSessionId(codexLog(50_000, false)))
                .contains("0199a1b2-0000-7000-8000-00000000abcd");
    }

    @Test
    void firstLineOverTheLimit_isNotParsed() throws IOException {
        Path file = codexLog(1 << 20, true);
        assertThat(SessionIdentity.firstRecord(file)).isEqualTo(dev.kato.json.JsonValue.NULL);
    }
}

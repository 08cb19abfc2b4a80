package dev.kato.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineTest {
    @TempDir Path tmp;

    @Test
    void writeAside_createsPrivateFileWithTheBytes_andReports() throws IOException {
        List<Path> told = new ArrayList<>();
        Quarantine q =
                new Quarantine(
                        (original, aside, reason) -> told.add(aside),
                        InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z")));
        Path log = tmp.resolve("events.jsonl");
        Path aside =
                q.writeAside(log, out -> out.write("tail".getBytes(StandardCharsets.UTF_8)), "r");
        assertThat(aside).isEqualTo(tmp.resolve("events.jsonl.corrupt-20260102T030405Z"));
        assertThat(aside).hasContent("tail");
        assertThat(StateStoreTest.mode(aside)).isEqualTo("rw-------");
        assertThat(told).containsExactly(aside);
        Path second = q.writeAside(log, out -> out.write('x'), "r");
        assertThat(second).isEqualTo(tmp.resolve("events.jsonl.corrupt-20260102T030405Z-2"));
        assertThat(Files.readString(aside)).isEqualTo("tail");
    }
}

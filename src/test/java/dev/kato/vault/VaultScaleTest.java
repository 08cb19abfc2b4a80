package dev.kato.vault;

import static dev.kato.vault.VaultTestSupport.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.event.SessionKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory does not grow with history. Heap use is measured as "used after a full GC" with the result
 * still referenced, against a bound far below the size of the event data involved.
 */
class VaultScaleTest {
    @TempDir Path tmp;

    @Test
    void sessions_2000Sessions_listingRetainsMetadataOnly() throws IOException {
        String bulky = "x".repeat(16 * 1024); // 2,000 × 16 KiB = 32 MiB of event text on disk
        try (Vault vault = Vault.open(tmp.resolve("sessions"), (a, b, c) -> {}, CLOCK)) {
            for (int i = 0; i < 2000; i++) {
                SessionKey key = new SessionKey(Provider.CLAUDE, "s-" + i);
                vault.append(
                        key,
                        List.of(
                                VaultEvents.user(key, "u", 1, "title " + i),
                                VaultEvents.toolResult(key, "r", 2, bulky)),
                        SessionMetaUpdate.cursor(Path.of("/logs/s-" + i + ".jsonl"), "c"));
            }
            long before = usedAfterGc();
            List<VaultSessionInfo> sessions = vault.sessions();
            long retained = usedAfterGc() - before;

            assertThat(sessions).hasSize(2000);
            assertThat(sessions).allSatisfy(s -> assertThat(s.eventCount()).isEqualTo(2));
            assertThat(sessions.stream().map(VaultSessionInfo::title))
                    .contains("title 0", "title 1999");
            // Metadata is a few hundred bytes per session; event text would be ≥ 32 MiB.
            assertThat(retained).as("bytes retained by the listing").isLessThan(8L << 20);
        }
    }

    @Test
    void readEvents_200kEvents_streamsWithBoundedHeap_andDedupeStaysExact() throws IOException {
        SessionKey key = new SessionKey(Provider.CODEX, "big");
        String text = "y".repeat(400); // 200k × ~700 bytes ≈ 140 MB on disk
        try (Vault vault = Vault.open(tmp.resolve("sessions"), (a, b, c) -> {}, CLOCK)) {
            for (int batch = 0; batch < 40; batch++) {
                List<ConversationEvent> events = new ArrayList<>();
                for (int i = batch * 5000; i < (batch + 1) * 5000; i++) {
                    events.add(VaultEvents.toolResult(key, "e" + i, i, text));
                }
                assertThat(vault.append(key, events, SessionMetaUpdate.none()).appended())
                        .isEqualTo(5000);
            }
            Path file = tmp.resolve("sessions").resolve(key.katoSessionId().toString());
            assertThat(Files.size(file.resolve("events.jsonl"))).isGreaterThan(100_000_000L);

            long before = usedAfterGc();
            AtomicLong count = new AtomicLong();
            AtomicLong midway = new AtomicLong();
            ReadSummary summary =
                    vault.readEvents(
                                    key,
                                    e -> {
                                        if (count.incrementAndGet() == 150_000) {
                                            midway.set(usedAfterGc() - before);
                                        }
                                    })
                            .orElseThrow();
            assertThat(summary).isEqualTo(new ReadSummary(200_000, 0));
            assertThat(midway.get()).as("heap growth while streaming").isLessThan(32L << 20);

            // The on-disk index grew to hold 200k ids and still answers exactly.
            List<ConversationEvent> again = new ArrayList<>();
            for (int i = 0; i < 200_000; i += 97) {
                again.add(VaultEvents.toolResult(key, "e" + i, i, text));
            }
            again.add(VaultEvents.toolResult(key, "new", 1, text));
            assertThat(vault.append(key, again, SessionMetaUpdate.none()))
                    .isEqualTo(new AppendResult(1, again.size() - 1, 0));
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}

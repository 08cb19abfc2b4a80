package dev.kato.vault;

import static dev.kato.vault.VaultTestSupport.CLOCK;
import static dev.kato.vault.VaultTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.event.SessionKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault under the daemon's two capture threads: appends to one session at once. */
class VaultConcurrencyTest {
    private static final SessionKey KEY = new SessionKey(Provider.CLAUDE, "sess-1");

    @TempDir Path tmp;

    @Test
    void concurrentAppends_sameSessionExactlyOnce_otherSessionsIntact() throws Exception {
        // Capture threads append at once; the vault must serialize one session's appends (here four
        // threads append their own events to one session) and keep other sessions apart.
        VaultTestSupport.Reports reports = new VaultTestSupport.Reports();
        try (Vault vault = Vault.open(tmp.resolve("home/sessions"), reports, CLOCK)) {
            SessionKey other = new SessionKey(Provider.CLAUDE, "sess-2");
            List<ConversationEvent> all = VaultEvents.conversation(KEY, 0, 400);
            List<ConversationEvent> others = VaultEvents.conversation(other, 0, 200);
            ExecutorService pool = Executors.newFixedThreadPool(5);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    List<ConversationEvent> mine = all.subList(t * 100, t * 100 + 100);
                    done.add(pool.submit(() -> appendInBatches(vault, KEY, mine, 5)));
                }
                done.add(pool.submit(() -> appendInBatches(vault, other, others, 5)));
                for (var f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(readAll(vault, KEY)).containsExactlyInAnyOrderElementsOf(all);
            assertThat(readAll(vault, other)).isEqualTo(others);
            assertThat(vault.find(KEY).orElseThrow().eventCount()).isEqualTo(400);
            // nothing had to be repaired: no torn or duplicated tail was cut and moved aside
            assertThat(reports.lines).isEmpty();
        }
    }

    private static Void appendInBatches(
            Vault vault, SessionKey key, List<ConversationEvent> events, int size)
            throws IOException {
        for (int i = 0; i < events.size(); i += size) {
            vault.append(key, events.subList(i, i + size), SessionMetaUpdate.none());
        }
        return null;
    }
}

package dev.kato.vault;

import static dev.kato.testing.PageResidency.pages;
import static dev.kato.testing.PageResidency.residentPages;
import static dev.kato.vault.VaultTestSupport.CLOCK;
import static dev.kato.vault.VaultTestSupport.readAll;
import static dev.kato.vault.VaultTestSupport.sessionDir;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.event.SessionKey;
import dev.kato.testing.PageResidency;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The vault hands the pages of what it has stored and synced back to the system, so a catch-up of a
 * gigabyte reuses a few pages instead of filling the page cache (see {@code fs.PageCache}). The
 * vault lives under {@code target/}, on the build's disk: {@code tmpfs} would keep every page.
 */
class VaultPageCacheTest {
    private static final SessionKey KEY = new SessionKey(Provider.CLAUDE, "sess-cache");
    private static final long FOLIO_PAGES = (2 << 20) / PageResidency.PAGE;

    private Path dir;
    private Vault vault;

    @BeforeEach
    void openVault() throws IOException {
        dir = PageResidency.newDirectoryOnDisk("vault-page-cache");
        vault = Vault.open(dir.resolve("sessions"), new VaultTestSupport.Reports(), CLOCK);
    }

    @AfterEach
    void closeVault() throws IOException {
        vault.close();
        PageResidency.deleteTree(dir);
    }

    @Test
    void append_releasesStoredPages_butKeepsTheTailAnAppendGoesOnIn() throws IOException {
        String text = "tool output line\n".repeat(2_000); // ~34 KB per event
        List<ConversationEvent> all = new ArrayList<>();
        for (int batch = 0; batch < 30; batch++) { // ~1 MB per batch, as a catch-up's read turn
            List<ConversationEvent> events = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = batch * 30 + i;
                events.add(VaultEvents.toolResult(KEY, "r" + n, n, text));
            }
            vault.append(KEY, events, SessionMetaUpdate.none());
            all.addAll(events);
        }
        Path file = sessionDir(dir.resolve("sessions"), KEY).resolve("events.jsonl");
        long pages = pages(file);
        assertThat(pages).isGreaterThan(6 * FOLIO_PAGES);

        // everything but the last folio or two is out of the cache; the last page stays in it
        assertThat(residentPages(file, 0, pages - 2 * FOLIO_PAGES)).isZero();
        assertThat(residentPages(file, pages - 1, pages)).isOne();
        // and reads back whole, from the disk
        assertThat(readAll(vault, KEY)).isEqualTo(all);
    }
}

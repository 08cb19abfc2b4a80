package dev.kato.vault;

import static dev.kato.vault.VaultTestSupport.CLOCK;
import static dev.kato.vault.VaultTestSupport.STAMP;
import static dev.kato.vault.VaultTestSupport.mode;
import static dev.kato.vault.VaultTestSupport.readAll;
import static dev.kato.vault.VaultTestSupport.sessionDir;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.event.SessionKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash and corruption recovery. A crash is simulated by restoring files to what a crash at a given
 * step leaves behind: {@code append} fsyncs events.jsonl, then syncs the index, then replaces
 * meta.json.
 */
class VaultRecoveryTest {
    private static final SessionKey KEY = new SessionKey(Provider.CODEX, "s-42");
    private static final Path LOG = Path.of("/logs/s-42.jsonl");
    private static final List<ConversationEvent> A = VaultEvents.conversation(KEY, 0, 5);
    private static final List<ConversationEvent> B = VaultEvents.conversation(KEY, 5, 9);

    @TempDir Path tmp;
    private Path root;
    private Path dir;
    private final VaultTestSupport.Reports reports = new VaultTestSupport.Reports();
    private Vault vault;

    @BeforeEach
    void setUp() throws IOException {
        root = tmp.resolve("sessions");
        dir = sessionDir(root, KEY);
        vault = Vault.open(root, reports, CLOCK);
        vault.append(KEY, A, SessionMetaUpdate.cursor(LOG, "c1"));
    }

    @AfterEach
    void tearDown() throws IOException {
        vault.close();
    }

    private void reopen() throws IOException {
        vault.close();
        vault = Vault.open(root, reports, CLOCK);
    }

    private List<ConversationEvent> all() {
        List<ConversationEvent> out = new ArrayList<>(A);
        out.addAll(B);
        return out;
    }

    private void appendRaw(String text) throws IOException {
        Files.writeString(
                dir.resolve("events.jsonl"),
                text,
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    @Test
    void tornLastLine_isTruncatedAway_withoutQuarantine() throws IOException {
        long committed = Files.size(dir.resolve("events.jsonl"));
        String line = VaultEvents.jsonl(B.subList(0, 1));
        appendRaw(line.substring(0, line.length() / 2));
        reopen();
        assertThat(vault.find(KEY).orElseThrow().eventCount()).isEqualTo(5);
        assertThat(Files.size(dir.resolve("events.jsonl"))).isEqualTo(committed);
        assertThat(reports.lines).isEmpty();
        vault.append(KEY, B, SessionMetaUpdate.none());
        assertThat(readAll(vault, KEY)).isEqualTo(all());
    }

    @Test
    void crashAfterEventsFsync_beforeIndexAndMeta_keepsNewLines_andReofferIsDeduplicated()
            throws IOException {
        Path saved = saveCopies("meta.json", "ids.idx");
        vault.append(KEY, B, SessionMetaUpdate.cursor(LOG, "c2"));
        restore(saved, "meta.json", "ids.idx");
        reopen();

        VaultSessionInfo info = vault.find(KEY).orElseThrow();
        assertThat(info.eventCount()).isEqualTo(9); // events win: complete valid lines are kept
        assertThat(info.providerLogs()).containsExactly(new ProviderLog(LOG, "c1"));
        // The caller re-reads from cursor c1 and offers everything again, split differently.
        assertThat(vault.append(KEY, all().subList(2, 7), SessionMetaUpdate.none()).appended())
                .isZero();
        assertThat(vault.append(KEY, all(), SessionMetaUpdate.cursor(LOG, "c2")).appended())
                .isZero();
        assertThat(readAll(vault, KEY)).isEqualTo(all());
        assertThat(reports.lines).isEmpty();
    }

    @Test
    void crashAfterIndexSync_beforeMeta_reofferIsDeduplicated() throws IOException {
        Path saved = saveCopies("meta.json");
        vault.append(KEY, B, SessionMetaUpdate.cursor(LOG, "c2"));
        restore(saved, "meta.json");
        reopen();
        assertThat(vault.append(KEY, all(), SessionMetaUpdate.none()))
                .isEqualTo(new AppendResult(0, 9, 0));
        assertThat(readAll(vault, KEY)).isEqualTo(all());
        assertThat(vault.find(KEY).orElseThrow().eventCount()).isEqualTo(9);
    }

    @Test
    void invalidLineAfterCommittedEvents_cutsAndQuarantinesTheRestOfTheTail() throws IOException {
        String good = VaultEvents.jsonl(B.subList(0, 1));
        String later = VaultEvents.jsonl(B.subList(1, 2));
        appendRaw(good + "{\"secret\":\"garbage\"}\n" + later);
        reopen();
        assertThat(vault.find(KEY).orElseThrow().eventCount()).isEqualTo(6);
        Path aside = dir.resolve("events.jsonl.corrupt-" + STAMP);
        assertThat(aside).hasContent("{\"secret\":\"garbage\"}\n" + later.stripTrailing());
        assertThat(mode(aside)).isEqualTo("rw-------");
        assertThat(reports.lines)
                .containsExactly(
                        "events.jsonl -> events.jsonl.corrupt-"
                                + STAMP
                                + ": events.jsonl has an invalid line after the last committed"
                                + " event");
        vault.append(KEY, B, SessionMetaUpdate.none());
        assertThat(readAll(vault, KEY)).isEqualTo(all());
    }

    @Test
    void duplicateLineAfterCommittedEvents_isCutAndQuarantined() throws IOException {
        appendRaw(VaultEvents.jsonl(A.subList(1, 2)));
        reopen();
        assertThat(readAll(vault, KEY)).isEqualTo(A);
        assertThat(reports.lines.getFirst())
                .endsWith("repeats an event after the last committed event");
    }

    @Test
    void metaAheadOfEvents_eventsWin_metaIsQuarantinedAndRebuiltWithoutCursors()
            throws IOException {
        long afterA = Files.size(dir.resolve("events.jsonl"));
        vault.append(KEY, B, SessionMetaUpdate.cursor(LOG, "c2"));
        try (FileChannel ch =
                FileChannel.open(dir.resolve("events.jsonl"), StandardOpenOption.WRITE)) {
            ch.truncate(afterA);
        }
        reopen();

        List<VaultSessionInfo> sessions = vault.sessions();
        assertThat(reports.lines)
                .containsExactly(
                        "meta.json -> meta.json.corrupt-"
                                + STAMP
                                + ": meta.json records more event bytes than events.jsonl holds");
        assertThat(sessions).hasSize(1);
        assertThat(sessions.getFirst().eventCount()).isEqualTo(5);
        // Cursors are dropped, so the caller re-reads its logs; the index keeps it exactly-once.
        assertThat(sessions.getFirst().providerLogs()).isEmpty();
        assertThat(vault.append(KEY, all(), SessionMetaUpdate.cursor(LOG, "c2")))
                .isEqualTo(new AppendResult(4, 5, 0));
        assertThat(readAll(vault, KEY)).isEqualTo(all());
        assertThat(dir.resolve("meta.json.corrupt-" + STAMP)).exists();
    }

    @Test
    void corruptMeta_isQuarantined_andRebuiltFromEvents() throws IOException {
        vault.append(KEY, B, SessionMetaUpdate.none());
        Files.writeString(dir.resolve("meta.json"), "{\"schemaVersion\":1,\"title\":\"secret");
        reopen();
        VaultSessionInfo info = vault.find(KEY).orElseThrow();
        assertThat(info.eventCount()).isEqualTo(9);
        assertThat(info.title()).isEqualTo("question 0");
        assertThat(info.firstEventTime()).isEqualTo(VaultEvents.T0);
        assertThat(info.lastEventTime()).isEqualTo(VaultEvents.T0.plusSeconds(8));
        assertThat(reports.lines).hasSize(1);
        assertThat(reports.lines.getFirst())
                .startsWith("meta.json -> meta.json.corrupt-" + STAMP + ": not valid JSON")
                .doesNotContain("secret");
        assertThat(dir.resolve("meta.json.corrupt-" + STAMP))
                .hasContent("{\"schemaVersion\":1,\"title\":\"secret");
        assertThat(mode(dir.resolve("meta.json"))).isEqualTo("rw-------");
    }

    @Test
    void metaWithWrongSchemaVersion_isQuarantined() throws IOException {
        Path meta = dir.resolve("meta.json");
        Files.writeString(
                meta,
                Files.readString(meta).replace("{\"schemaVersion\":1,", "{\"schemaVersion\":9,"));
        reopen();
        assertThat(vault.sessions()).hasSize(1);
        assertThat(reports.lines)
                .containsExactly(
                        "meta.json -> meta.json.corrupt-"
                                + STAMP
                                + ": unsupported schemaVersion (expected 1)");
    }

    @Test
    void metaOfAnotherSession_isQuarantined() throws IOException {
        SessionKey other = new SessionKey(Provider.CODEX, "other");
        vault.append(other, VaultEvents.conversation(other, 0, 1), SessionMetaUpdate.none());
        Files.copy(
                sessionDir(root, other).resolve("meta.json"),
                dir.resolve("meta.json"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(vault.find(KEY).orElseThrow().eventCount()).isEqualTo(5);
        assertThat(reports.lines.getFirst())
                .endsWith("session identity does not match its directory");
    }

    @Test
    void readOnlyVault_leavesCorruptMetaInPlace_andSkipsTheSession() throws IOException {
        Files.writeString(dir.resolve("meta.json"), "nope");
        Vault ro = Vault.openReadOnly(root);
        assertThat(ro.sessions()).isEmpty();
        assertThat(ro.readEvents(KEY, e -> {})).isEmpty();
        assertThat(dir.resolve("meta.json")).hasContent("nope");
        assertThat(reports.lines).isEmpty();
    }

    @Test
    void missingOrCorruptIndex_isRebuilt_andDedupeStaysExact() throws IOException {
        Files.delete(dir.resolve("ids.idx"));
        assertThat(vault.append(KEY, A, SessionMetaUpdate.none()).appended()).isZero();
        Files.write(dir.resolve("ids.idx"), new byte[] {1, 2, 3});
        assertThat(vault.append(KEY, all(), SessionMetaUpdate.none()).appended()).isEqualTo(4);
        Files.write(dir.resolve("ids.idx"), new byte[64 + 16 * 1024]); // zeroed: bad magic
        assertThat(vault.append(KEY, all(), SessionMetaUpdate.none()).appended()).isZero();
        assertThat(readAll(vault, KEY)).isEqualTo(all());
    }

    @Test
    void staleIndexFromAnOlderState_isCaughtUp() throws IOException {
        Path saved = saveCopies("ids.idx");
        vault.append(KEY, B, SessionMetaUpdate.none());
        restore(saved, "ids.idx"); // covers only A: the B lines must be indexed again
        assertThat(vault.append(KEY, B, SessionMetaUpdate.none()).appended()).isZero();
    }

    @Test
    void eventsFileDeleted_metaIsQuarantined_andTheSessionIsGone() throws IOException {
        Files.delete(dir.resolve("events.jsonl"));
        reopen();
        assertThat(vault.find(KEY)).isEmpty();
        assertThat(reports.lines).hasSize(1);
        vault.append(KEY, A, SessionMetaUpdate.none());
        assertThat(readAll(vault, KEY)).isEqualTo(A);
    }

    @Test
    void metaMissing_withEvents_isRebuilt() throws IOException {
        Files.delete(dir.resolve("meta.json"));
        reopen();
        assertThat(vault.sessions())
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.key()).isEqualTo(KEY);
                    assertThat(s.eventCount()).isEqualTo(5);
                });
        assertThat(reports.lines).isEmpty();
    }

    private Path saveCopies(String... names) throws IOException {
        Path saved = Files.createDirectories(tmp.resolve("saved"));
        for (String n : names) {
            Files.copy(dir.resolve(n), saved.resolve(n), StandardCopyOption.REPLACE_EXISTING);
        }
        return saved;
    }

    private void restore(Path saved, String... names) throws IOException {
        for (String n : names) {
            Files.copy(saved.resolve(n), dir.resolve(n), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

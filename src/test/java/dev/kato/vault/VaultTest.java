package dev.kato.vault;

import static dev.kato.vault.VaultTestSupport.CLOCK;
import static dev.kato.vault.VaultTestSupport.mode;
import static dev.kato.vault.VaultTestSupport.readAll;
import static dev.kato.vault.VaultTestSupport.sessionDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kato.event.AssistantMessage;
import dev.kato.event.AssistantPhase;
import dev.kato.event.ConversationEvent;
import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.event.SessionKey;
import dev.kato.writer.JsonlRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTest {
    private static final SessionKey KEY = new SessionKey(Provider.CLAUDE, "sess-1");
    private static final Path LOG = Path.of("/home/u/.claude/projects/p/sess-1.jsonl");

    @TempDir Path tmp;
    private Path root;
    private final VaultTestSupport.Reports reports = new VaultTestSupport.Reports();
    private Vault vault;

    @BeforeEach
    void openVault() throws IOException {
        root = tmp.resolve("home/sessions");
        vault = Vault.open(root, reports, CLOCK);
    }

    @AfterEach
    void closeVault() throws IOException {
        vault.close();
    }

    @Test
    void append_thenRead_returnsTheEventsInOrder() throws IOException {
        List<ConversationEvent> events = VaultEvents.conversation(KEY, 0, 10);
        AppendResult r = vault.append(KEY, events, SessionMetaUpdate.cursor(LOG, "offset=10"));
        assertThat(r).isEqualTo(new AppendResult(10, 0, 0));
        assertThat(readAll(vault, KEY)).isEqualTo(events);
        assertThat(sessionDir(root, KEY).resolve("events.jsonl"))
                .hasContent(VaultEvents.jsonl(events).stripTrailing());
        assertThat(reports.lines).isEmpty();
    }

    @Test
    void append_sameEventsTwice_storesOneCopy() throws IOException {
        List<ConversationEvent> events = VaultEvents.conversation(KEY, 0, 20);
        vault.append(KEY, events, SessionMetaUpdate.none());
        AppendResult again = vault.append(KEY, events, SessionMetaUpdate.none());
        assertThat(again).isEqualTo(new AppendResult(0, 20, 0));
        assertThat(readAll(vault, KEY)).isEqualTo(events);
        assertThat(vault.find(KEY).orElseThrow().eventCount()).isEqualTo(20);
    }

    @Test
    void append_overlappingBatchesInDifferentSplits_storesEachEventOnce() throws IOException {
        List<ConversationEvent> all = VaultEvents.conversation(KEY, 0, 50);
        vault.append(KEY, all.subList(0, 7), SessionMetaUpdate.none());
        vault.append(KEY, all.subList(3, 20), SessionMetaUpdate.none());
        vault.append(KEY, all.subList(0, 35), SessionMetaUpdate.none());
        assertThat(vault.append(KEY, all.subList(10, 50), SessionMetaUpdate.none()))
                .isEqualTo(new AppendResult(15, 25, 0));
        for (int split = 1; split < 50; split += 7) {
            vault.append(KEY, all.subList(split, 50), SessionMetaUpdate.none());
            vault.append(KEY, all.subList(0, split), SessionMetaUpdate.none());
        }
        assertThat(readAll(vault, KEY)).isEqualTo(all);
    }

    @Test
    void append_duplicateWithinOneBatch_firstWins() throws IOException {
        ConversationEvent first = VaultEvents.user(KEY, "u1", 1, "first");
        ConversationEvent second = VaultEvents.user(KEY, "u1", 2, "second");
        assertThat(vault.append(KEY, List.of(first, second), SessionMetaUpdate.none()))
                .isEqualTo(new AppendResult(1, 1, 0));
        assertThat(readAll(vault, KEY)).containsExactly(first);
    }

    @Test
    void append_eventOfAnotherSession_isRejectedBeforeAnythingIsWritten() throws IOException {
        SessionKey other = new SessionKey(Provider.CLAUDE, "other");
        List<ConversationEvent> mixed =
                List.of(VaultEvents.user(KEY, "a", 1, "x"), VaultEvents.user(other, "b", 2, "y"));
        assertThatThrownBy(() -> vault.append(KEY, mixed, SessionMetaUpdate.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("x");
        assertThat(vault.find(KEY)).isEmpty();
    }

    @Test
    void append_subAgentEventsWithTheirOwnTranscriptId_areStoredUnderTheParent()
            throws IOException {
        // Gemini CLI's chats/<parent>/<child>.jsonl: every row carries the child's sessionId.
        SessionKey gemini = new SessionKey(Provider.GEMINI, "parent");
        EventMeta child =
                new EventMeta(
                        EventId.of(Provider.GEMINI, "child/m1"),
                        Provider.GEMINI,
                        "child",
                        VaultEvents.T0,
                        null,
                        "gemini",
                        "m1",
                        "child");
        ConversationEvent subAgent =
                new AssistantMessage(child, "sub-agent answer", null, AssistantPhase.FINAL);
        vault.append(gemini, List.of(subAgent), SessionMetaUpdate.none());
        assertThat(readAll(vault, gemini)).containsExactly(subAgent);

        // Without an agent id, another transcript's event is still refused.
        EventMeta stray =
                new EventMeta(
                        EventId.of(Provider.GEMINI, "child/m2"),
                        Provider.GEMINI,
                        "child",
                        VaultEvents.T0,
                        null,
                        "gemini",
                        "m2",
                        null);
        assertThatThrownBy(() ->
                        vault.append(
                                gemini,
                                List.of(
                                        new AssistantMessage(
                                                stray, "x", null, AssistantPhase.FINAL)),
                                SessionMetaUpdate.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void append_batchMixingStoredAndNewEvents_storesOnlyTheNewOnes_inOrder() throws IOException {
        ConversationEvent a = VaultEvents.user(KEY, "a", 1, "first");
        ConversationEvent b = VaultEvents.assistant(KEY, "b", 2, "second");
        ConversationEvent c = VaultEvents.user(KEY, "c", 3, "third");
        vault.append(KEY, List.of(a), SessionMetaUpdate.none());
        assertThat(vault.append(KEY, List.of(a, b, a, c), SessionMetaUpdate.none()))
                .isEqualTo(new AppendResult(2, 2, 0));
        assertThat(readAll(vault, KEY)).containsExactly(a, b, c);
        // the stored lines are the canonical JSONL of the events, back to back
        assertThat(Files.readString(sessionDir(root, KEY).resolve("events.jsonl")))
                .isEqualTo(VaultEvents.jsonl(List.of(a, b, c)));
    }

    @Test
    void append_loneSurrogates_becomeQuestionMarks_andTheLineStaysReadable() throws IOException {
        // JSON escapes in a provider log can decode to half a surrogate pair; a pair stays intact.
        ConversationEvent odd =
                VaultEvents.user(
                        KEY,
                        "s",
                        1,
                        "high \uD800 low \uDC00 pair \uD83D\uDE00 \\\\uD800 \\\uDC01 \\\\\\"
                                + "\uDBFF end \uD83D");
        vault.append(KEY, List.of(odd), SessionMetaUpdate.none());
        assertThat(readAll(vault, KEY))
                .containsExactly(
                        VaultEvents.user(
                                KEY,
                                "s",
                                1,
                                "high ? low ? pair \uD83D\uDE00 \\\\uD800 \\? \\\\\\? end ?"));
    }

    @Test
    void append_loneSurrogatesInOneLine_leaveTheNextLinesOfTheBatchIntact() throws IOException {
        ConversationEvent first = VaultEvents.user(KEY, "a", 1, "x \uD800 y \uDBFF\uDBFF z");
        ConversationEvent second = VaultEvents.user(KEY, "b", 2, "plain \\u0041 text");
        ConversationEvent third = VaultEvents.user(KEY, "c", 3, "\uDFFF");
        vault.append(KEY, List.of(first, second, third), SessionMetaUpdate.none());
        assertThat(readAll(vault, KEY))
                .containsExactly(
                        VaultEvents.user(KEY, "a", 1, "x ? y ?? z"),
                        second,
                        VaultEvents.user(KEY, "c", 3, "?"));
    }

    @Test
    void append_createsPrivateFilesAndDirectories() throws IOException {
        vault.append(KEY, VaultEvents.conversation(KEY, 0, 2), SessionMetaUpdate.none());
        Path dir = sessionDir(root, KEY);
        assertThat(mode(root)).isEqualTo("rwx------");
        assertThat(mode(root.getParent())).isEqualTo("rwx------");
        assertThat(mode(dir)).isEqualTo("rwx------");
        for (String name : List.of("events.jsonl", "meta.json", "ids.idx")) {
            assertThat(mode(dir.resolve(name))).as(name).isEqualTo("rw-------");
        }
        assertThat(mode(root.resolve(".vault.lock"))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("events.jsonl", "meta.json", "ids.idx");
        }
    }

    @Test
    void meta_recordsTitleTimesCountAndCursors() throws IOException {
        Path other = Path.of("/home/u/.claude/projects/p/sub/agent-1.jsonl");
        vault.append(
                KEY,
                List.of(
                        VaultEvents.assistant(KEY, "a0", 5, "hello"),
                        VaultEvents.user(KEY, "u1", 3, "  Please   fix\nthe build  "),
                        VaultEvents.user(KEY, "u2", 9, "second")),
                SessionMetaUpdate.cursor(LOG, "c1").withLog(other));
        VaultSessionInfo info = vault.find(KEY).orElseThrow();
        assertThat(info.title()).isEqualTo("Please fix the build");
        assertThat(info.firstEventTime()).isEqualTo(VaultEvents.T0.plusSeconds(3));
        assertThat(info.lastEventTime()).isEqualTo(VaultEvents.T0.plusSeconds(9));
        assertThat(info.eventCount()).isEqualTo(3);
        assertThat(info.providerLogs())
                .containsExactly(new ProviderLog(LOG, "c1"), new ProviderLog(other, null));

        vault.append(
                KEY,
                List.of(VaultEvents.title(KEY, "t", "Provider title")),
                SessionMetaUpdate.cursor(LOG, "c2"));
        info = vault.find(KEY).orElseThrow();
        assertThat(info.title()).isEqualTo("Provider title");
        assertThat(info.providerLogs())
                .containsExactly(new ProviderLog(LOG, "c2"), new ProviderLog(other, null));
        assertThat(info.toString()).doesNotContain("Provider title").doesNotContain("/home");
    }

    @Test
    void append_onlyDuplicates_stillAdvancesTheCursor() throws IOException {
        List<ConversationEvent> events = VaultEvents.conversation(KEY, 0, 4);
        vault.append(KEY, events, SessionMetaUpdate.cursor(LOG, "c1"));
        vault.append(KEY, events, SessionMetaUpdate.cursor(LOG, "c2"));
        assertThat(vault.find(KEY).orElseThrow().providerLogs().getFirst().cursor())
                .isEqualTo("c2");
    }

    @Test
    void sessions_listsEverySession_fromMetadata() throws IOException {
        SessionKey codex = new SessionKey(Provider.CODEX, "c-1");
        vault.append(KEY, VaultEvents.conversation(KEY, 0, 3), SessionMetaUpdate.none());
        vault.append(codex, VaultEvents.conversation(codex, 0, 5), SessionMetaUpdate.none());
        Files.createDirectories(root.resolve("not-a-session"));
        Map<SessionKey, Long> counts = new LinkedHashMap<>();
        for (VaultSessionInfo s : vault.sessions()) {
            counts.put(s.key(), s.eventCount());
        }
        assertThat(counts).containsOnly(Map.entry(KEY, 3L), Map.entry(codex, 5L));
    }

    @Test
    void findByReference_matchesShortIdFullIdAndProviderSessionId() throws IOException {
        vault.append(KEY, VaultEvents.conversation(KEY, 0, 1), SessionMetaUpdate.none());
        assertThat(vault.findByReference(KEY.shortId())).hasSize(1);
        assertThat(vault.findByReference(KEY.katoSessionId().toString().toUpperCase())).hasSize(1);
        assertThat(vault.findByReference("sess-1")).hasSize(1);
        assertThat(vault.findByReference("sess")).isEmpty();
        assertThat(vault.findByReference(KEY.shortId().substring(0, 4))).isEmpty();
    }

    @Test
    void readEvents_unknownSession_isEmpty_andCreatesNothing() throws IOException {
        assertThat(vault.readEvents(KEY, e -> {})).isEmpty();
        assertThat(vault.find(KEY)).isEmpty();
        assertThat(sessionDir(root, KEY)).doesNotExist();
    }

    @Test
    void survivesReopening_andTheProviderLogVanishing() throws IOException {
        List<ConversationEvent> events = VaultEvents.conversation(KEY, 0, 6);
        vault.append(KEY, events, SessionMetaUpdate.cursor(LOG, "c"));
        vault.close();
        vault = Vault.open(root, reports, CLOCK);
        assertThat(readAll(vault, KEY)).isEqualTo(events);
        assertThat(vault.append(KEY, events, SessionMetaUpdate.none()).duplicates()).isEqualTo(6);
    }

    @Test
    void open_secondWriter_isRefused_readOnlyIsFine() throws IOException {
        assertThatThrownBy(() -> Vault.open(root, reports, CLOCK))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("in use");
        vault.append(KEY, VaultEvents.conversation(KEY, 0, 2), SessionMetaUpdate.none());
        Vault ro = Vault.openReadOnly(root);
        assertThat(ro.sessions()).hasSize(1);
        assertThat(readAll(ro, KEY)).hasSize(2);
        assertThatThrownBy(() -> ro.append(KEY, List.of(), SessionMetaUpdate.none()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readOnly_seesOnlyCommittedEvents_andRepairsNothing() throws IOException {
        vault.append(KEY, VaultEvents.conversation(KEY, 0, 2), SessionMetaUpdate.none());
        Path events = sessionDir(root, KEY).resolve("events.jsonl");
        String uncommitted = VaultEvents.jsonl(VaultEvents.conversation(KEY, 2, 3));
        Files.writeString(
                events,
                uncommitted + "{\"torn",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        long size = Files.size(events);
        Vault ro = Vault.openReadOnly(root);
        assertThat(readAll(ro, KEY)).hasSize(2);
        assertThat(ro.find(KEY).orElseThrow().eventCount()).isEqualTo(2);
        assertThat(Files.size(events)).isEqualTo(size);
        assertThat(Vault.openReadOnly(tmp.resolve("nowhere")).sessions()).isEmpty();
    }

    @Test
    void append_eventsWithMicrosecondTimes_areStoredAtMillisecondPrecision() throws IOException {
        ConversationEvent e =
                new dev.kato.event.UserMessage(
                        new dev.kato.event.EventMeta(
                                dev.kato.event.EventId.of(Provider.CLAUDE, "m"),
                                Provider.CLAUDE,
                                "sess-1",
                                Instant.parse("2026-01-01T00:00:00.123456Z"),
                                null,
                                "user",
                                "m",
                                null),
                        "x",
                        dev.kato.event.UserOrigin.HUMAN);
        vault.append(KEY, List.of(e), SessionMetaUpdate.none());
        ConversationEvent back = readAll(vault, KEY).getFirst();
        assertThat(back.meta().timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
        assertThat(new JsonlRenderer().line(back)).isEqualTo(new JsonlRenderer().line(e));
    }

    @Test
    void goldens_storedAndReadBack_renderIdentically() throws IOException {
        JsonlEventReader reader = new JsonlEventReader();
        List<Path> goldens = JsonlEventReaderTest.goldens().toList();
        for (Path golden : goldens) {
            Map<SessionKey, List<ConversationEvent>> bySession = new LinkedHashMap<>();
            for (String line : Files.readAllLines(golden, StandardCharsets.UTF_8)) {
                if (line.isEmpty()) {
                    continue;
                }
                ConversationEvent e = ((EventReadResult.Parsed) reader.read(line)).event();
                bySession
                        .computeIfAbsent(
                                new SessionKey(e.meta().provider(), e.meta().sessionId()),
                                k -> new ArrayList<>())
                        .add(e);
            }
            for (var entry : bySession.entrySet()) {
                vault.append(entry.getKey(), entry.getValue(), SessionMetaUpdate.none());
            }
        }
        // Goldens share session ids, so compare each session with its deduplicated events.
        JsonlRenderer renderer = new JsonlRenderer();
        for (VaultSessionInfo s : vault.sessions()) {
            List<String> lines = new ArrayList<>();
            Optional<ReadSummary> summary =
                    vault.readEvents(s.key(), e -> lines.add(renderer.line(e)));
            assertThat(summary.orElseThrow().rejectedLines()).isZero();
            assertThat(String.join("", lines))
                    .isEqualTo(Files.readString(sessionDir(root, s.key()).resolve("events.jsonl")));
            assertThat(lines).doesNotHaveDuplicates();
        }
        assertThat(reports.lines).isEmpty();
    }
}

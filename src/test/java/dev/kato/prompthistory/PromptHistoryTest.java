package dev.kato.prompthistory;

import static dev.kato.prompthistory.HistoryVerdict.CONFIRMED;
import static dev.kato.prompthistory.HistoryVerdict.NOT_IN_HISTORY;
import static dev.kato.prompthistory.HistoryVerdict.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.config.ProviderSessionRoots;
import dev.kato.daemon.scenario.LogFile;
import dev.kato.event.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompt-history matcher on real files under a temporary home (providers.md §1 item 4). */
class PromptHistoryTest {
    private static final String SID = "5f1c0000-0000-4000-8000-000000000001";
    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
    private static final String COMMAND = "::export /notes/a.md";
    private static final String MESSAGE = "Please save this.\n" + COMMAND;

    @TempDir Path home;
    private PromptHistory history;
    private Path claudeLog;
    private Path codexLog;
    private Path geminiLog;

    @BeforeEach
    void setUp() throws IOException {
        for (String dir : List.of(".claude/projects", ".codex/sessions", ".gemini/tmp/proj")) {
            Files.createDirectories(home.resolve(dir));
        }
        history = new PromptHistory(ProviderSessionRoots.defaults(home), Duration.ZERO);
        claudeLog = home.resolve(".claude/projects/-work-p/" + SID + ".jsonl");
        codexLog = home.resolve(".codex/sessions/2026/03/01/rollout-x-" + SID + ".jsonl");
        geminiLog = home.resolve(".gemini/tmp/proj/chats/session-2026-03-01T09-00-5f1c0000.jsonl");
    }

    private HistoryVerdict claude(String text, @Nullable Instant at) throws InterruptedException {
        return history.check(Provider.CLAUDE, SID, claudeLog, text, at);
    }

    private void claudeEntry(String display, long millis, @Nullable String sid) throws IOException {
        append(
                home.resolve(".claude/history.jsonl"),
                "{\"display\":"
                        + LogFile.json(display)
                        + ",\"pastedContents\":{},\"timestamp\":"
                        + millis
                        + ",\"project\":\"/work/p\""
                        + (sid == null ? "" : ",\"sessionId\":\"" + sid + "\"")
                        + "}\n");
    }

    @Test
    void claude_matchingEntry_confirms() throws Exception {
        claudeEntry("unrelated", AT.toEpochMilli(), SID);
        claudeEntry(MESSAGE, AT.toEpochMilli() + 700, SID);
        assertThat(claude(MESSAGE, AT)).isEqualTo(CONFIRMED);
        assertThat(claude("  " + COMMAND + "  ", AT))
                .as("white space stripped")
                .isEqualTo(CONFIRMED);
    }

    @Test
    void claude_entryWithoutSessionId_confirmsByTimeAndText() throws Exception {
        claudeEntry(MESSAGE, AT.toEpochMilli(), null);
        assertThat(claude(MESSAGE, AT)).isEqualTo(CONFIRMED);
    }

    @Test
    void claude_otherSession_tooFarInTime_orOtherText_isNotConfirmed() throws Exception {
        claudeEntry(MESSAGE, AT.toEpochMilli(), "another-session");
        claudeEntry(MESSAGE, AT.minus(PromptHistory.TOLERANCE).toEpochMilli() - 1, SID);
        claudeEntry("::export /notes/a.md.bak", AT.toEpochMilli(), SID);
        claudeEntry("see " + COMMAND, AT.toEpochMilli(), SID); // not a line of its own
        assertThat(claude(MESSAGE, AT)).isEqualTo(NOT_IN_HISTORY);
        assertThat(claude(MESSAGE, null)).as("no message time").isEqualTo(NOT_IN_HISTORY);
    }

    @Test
    void claude_atTheToleranceEdge_confirms() throws Exception {
        claudeEntry(MESSAGE, AT.plus(PromptHistory.TOLERANCE).toEpochMilli(), SID);
        assertThat(claude(MESSAGE, AT)).isEqualTo(CONFIRMED);
    }

    @Test
    void claude_commandOnlyInPastedContents_isNotConfirmed() throws Exception {
        append(
                home.resolve(".claude/history.jsonl"),
                "{\"display\":\"Please save this.\\n[Pasted text #1 +1 lines]\","
                        + "\"pastedContents\":{\"1\":{\"id\":1,\"type\":\"text\",\"content\":"
                        + LogFile.json(COMMAND)
                        + "}},\"timestamp\":"
                        + AT.toEpochMilli()
                        + ",\"sessionId\":\""
                        + SID
                        + "\"}\n");
        assertThat(claude(MESSAGE, AT)).isEqualTo(NOT_IN_HISTORY);
    }

    @Test
    void everyCommandLine_mustBeInOneEntry() throws Exception {
        String two = COMMAND + "\n::stop";
        claudeEntry(COMMAND, AT.toEpochMilli(), SID);
        claudeEntry("::stop", AT.toEpochMilli(), SID);
        assertThat(claude(two, AT)).isEqualTo(NOT_IN_HISTORY);
        claudeEntry("::stop\nthen\n" + COMMAND, AT.toEpochMilli(), SID);
        assertThat(claude(two, AT)).isEqualTo(CONFIRMED);
    }

    @Test
    void messageWithoutCommandLines_needsNoHistory() throws Exception {
        assertThat(claude("just talk about a::b", AT)).isEqualTo(CONFIRMED);
    }

    @Test
    void missingFile_directory_orLogOutsideTheRoots_isUnavailable() throws Exception {
        assertThat(claude(MESSAGE, AT)).as("missing").isEqualTo(UNAVAILABLE);
        Files.createDirectories(home.resolve(".claude/history.jsonl"));
        assertThat(claude(MESSAGE, AT)).as("a directory").isEqualTo(UNAVAILABLE);
        assertThat(history.check(Provider.CLAUDE, SID, home.resolve("x.jsonl"), MESSAGE, AT))
                .as("log outside every root")
                .isEqualTo(UNAVAILABLE);
        assertThat(history.check(Provider.CLAUDE, SID, null, MESSAGE, AT)).isEqualTo(UNAVAILABLE);
    }

    @Test
    void malformedLines_areSkipped() throws Exception {
        append(home.resolve(".claude/history.jsonl"), "{not json\n\n[1,2]\n{\"display\":3}\n");
        claudeEntry(MESSAGE, AT.toEpochMilli(), SID);
        assertThat(claude(MESSAGE, AT)).isEqualTo(CONFIRMED);
    }

    @Test
    void onlyTheTailOfALargeFileIsRead() throws Exception {
        Path file = home.resolve(".claude/history.jsonl");
        claudeEntry(MESSAGE, AT.toEpochMilli(), SID); // first, beyond the tail once padded
        String filler =
                "{\"display\":\"" + "x".repeat(1000) + "\",\"timestamp\":1,\"sessionId\":\"o\"}\n";
        append(file, filler.repeat(HistoryReader.MAX_BYTES / filler.length() + 10));
        assertThat(Files.size(file)).isGreaterThan(HistoryReader.MAX_BYTES);
        assertThat(claude(MESSAGE, AT)).isEqualTo(NOT_IN_HISTORY);
        claudeEntry(MESSAGE, AT.toEpochMilli(), SID);
        assertThat(claude(MESSAGE, AT)).isEqualTo(CONFIRMED);
    }

    @Test
    void aMiss_isRetriedWithinThePatience() throws Exception {
        PromptHistory patient =
                new PromptHistory(ProviderSessionRoots.defaults(home), Duration.ofSeconds(5));
        claudeEntry("earlier", AT.toEpochMilli(), SID);
        Thread late =
                Thread.ofPlatform()
                        .start(() -> {
                            try {
                                Thread.sleep(400);
                                claudeEntry(MESSAGE, AT.toEpochMilli(), SID);
                            } catch (IOException | InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        long start = System.nanoTime();
        assertThat(patient.check(Provider.CLAUDE, SID, claudeLog, MESSAGE, AT))
                .isEqualTo(CONFIRMED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        late.join();
    }

    @Test
    void codex_usesSessionIdAndEpochSeconds() throws Exception {
        Path file = home.resolve(".codex/history.jsonl");
        append(
                file,
                "{\"session_id\":\"other\",\"ts\":"
                        + AT.getEpochSecond()
                        + ",\"text\":"
                        + LogFile.json(MESSAGE)
                        + "}\n");
        assertThat(history.check(Provider.CODEX, SID, codexLog, MESSAGE, AT))
                .isEqualTo(NOT_IN_HISTORY);
        append(
                file,
                "{\"session_id\":\""
                        + SID
                        + "\",\"ts\":"
                        + (AT.getEpochSecond() + 3)
                        + ",\"text\":"
                        + LogFile.json(MESSAGE)
                        + "}\n");
        assertThat(history.check(Provider.CODEX, SID, codexLog, MESSAGE, AT)).isEqualTo(CONFIRMED);
    }

    @Test
    void gemini_readsTheProjectsLogsJson() throws Exception {
        Path file = home.resolve(".gemini/tmp/proj/logs.json");
        Files.writeString(
                file,
                "[{\"sessionId\":\""
                        + SID
                        + "\",\"messageId\":0,\"type\":\"user\","
                        + "\"message\":\"hello\",\"timestamp\":\"2026-03-01T08:59:50.000Z\"}]");
        assertThat(history.check(Provider.GEMINI, SID, geminiLog, MESSAGE, AT))
                .isEqualTo(NOT_IN_HISTORY);
        Files.writeString(
                file,
                "[{\"sessionId\":\""
                        + SID
                        + "\",\"messageId\":1,\"type\":\"user\",\"message\":"
                        + LogFile.json(MESSAGE)
                        + ",\"timestamp\":\"2026-03-01T08:59:58.000Z\"}]");
        assertThat(history.check(Provider.GEMINI, SID, geminiLog, MESSAGE, AT))
                .isEqualTo(CONFIRMED);
        Files.writeString(file, "{\"not\":\"an array\"}");
        assertThat(history.check(Provider.GEMINI, SID, geminiLog, MESSAGE, AT))
                .isEqualTo(UNAVAILABLE);
        Files.write(file, new byte[HistoryReader.MAX_BYTES + 1]);
        assertThat(history.check(Provider.GEMINI, SID, geminiLog, MESSAGE, AT))
                .as("too large to read whole")
                .isEqualTo(UNAVAILABLE);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

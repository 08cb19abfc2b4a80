package dev.kato.ingest;

import static dev.kato.ingest.IngestFiles.append;
import static dev.kato.ingest.IngestFiles.ids;
import static dev.kato.ingest.IngestFiles.jsonl;
import static dev.kato.ingest.IngestFiles.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.UserMessage;
import dev.kato.ingest.FileTail.TailRead;
import dev.kato.provider.ParserLimits;
import dev.kato.testing.CollectingSink;
import dev.kato.testing.FixtureFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileTail} on real files, driven synchronously so every partial state is observable. */
class FileTailTest {
    private static final String CLAUDE_USER =
            "{\"type\":\"user\",\"uuid\":\"%s\",\"parentUuid\":null,\"isSidechain\":false,"
                    + "\"sessionId\":\"sess-001\",\"timestamp\":\"2026-02-10T23:40:00.000Z\","
                    + "\"cwd\":\"/home/user/project\",\"version\":\"2.1.39\","
                    + "\"message\":{\"role\":\"user\",\"content\":\"%s\"}}\n";

    @TempDir Path dir;

    private static FileTail tail(SessionFile file, @Nullable IngestCursor cursor) {
        return new FileTail(file, cursor, ParserLimits.DEFAULT, new byte[256 * 1024], 1 << 20);
    }

    private static CollectingSink readAll(FileTail tail) throws IOException {
        CollectingSink sink = new CollectingSink();
        TailRead read;
        do {
            read = tail.readNew(sink);
        } while (read.more());
        return sink;
    }

    @Test
    void readNew_appendsWithPartialLines_eventsOnceInOrder_cursorAtLineEnds() throws IOException {
        byte[] fixture = FixtureFiles.sharedKato("claude-session.jsonl");
        Path path = dir.resolve("sess-001.jsonl");
        SessionFile file = IngestFiles.claude(path);
        FileTail tail = tail(file, null);
        List<ConversationEvent> got = new ArrayList<>();
        long lineEnd = 0;
        for (byte[] line : lines(fixture)) {
            int half = line.length / 2;
            append(path, java.util.Arrays.copyOf(line, half));
            CollectingSink partial = new CollectingSink();
            assertThat(tail.readNew(partial).status()).isEqualTo(TailStatus.READ);
            assertThat(partial.events).isEmpty();
            assertThat(tail.cursor().offset()).isEqualTo(lineEnd);
            assertThat(tail.position()).isEqualTo(lineEnd + half);

            append(path, java.util.Arrays.copyOfRange(line, half, line.length));
            CollectingSink rest = new CollectingSink();
            tail.readNew(rest);
            lineEnd += line.length;
            assertThat(tail.cursor().offset()).isEqualTo(lineEnd);
            got.addAll(rest.events);
        }
        CollectingSink expected = IngestFiles.oneShot(file, fixture);
        assertThat(expected.events).isNotEmpty();
        assertThat(jsonl(got)).isEqualTo(jsonl(expected.events));
        assertThat(ids(got)).doesNotHaveDuplicates();
        assertThat(tail.cursor().fileKey()).isNotEmpty();
    }

    @Test
    void readNew_multiByteCharacterSplitAcrossWrites_isDecodedIntact() throws IOException {
        String text = "h\u00e9llo w\u00f6rld \uD83D\uDE00 \u65e5\u672c";
        byte[] line = CLAUDE_USER.formatted("u-mb", text).getBytes(StandardCharsets.UTF_8);
        int emoji = indexOf(line, (byte) 0xF0);
        Path path = dir.resolve("sess-001.jsonl");
        FileTail tail = tail(IngestFiles.claude(path), null);

        append(path, java.util.Arrays.copyOf(line, emoji + 2)); // two of the emoji's four bytes
        CollectingSink first = new CollectingSink();
        tail.readNew(first);
        append(path, java.util.Arrays.copyOfRange(line, emoji + 2, line.length));
        CollectingSink second = new CollectingSink();
        tail.readNew(second);

        assertThat(first.events).isEmpty();
        assertThat(second.anomalies).isEmpty();
        assertThat(second.events)
                .singleElement()
                .satisfies(e -> assertThat(((UserMessage) e).text()).isEqualTo(text));
        assertThat(tail.cursor().offset()).isEqualTo(line.length);
    }

    @Test
    void readNew_tinyChunksAndByteBudget_giveTheEventsOfOneRead() throws IOException {
        byte[] fixture = FixtureFiles.sharedKato("codex-session-request-user-input.jsonl");
        Path path = dir.resolve("rollout-2026-03-01T10-00-00-abc.jsonl");
        Files.write(path, fixture);
        SessionFile file = IngestFiles.codex(path);
        FileTail tail = new FileTail(file, null, ParserLimits.DEFAULT, new byte[7], 100);
        CollectingSink sink = new CollectingSink();
        int turns = 0;
        while (tail.readNew(sink).more()) {
            turns++;
        }
        assertThat(turns).isGreaterThan(fixture.length / 100 - 2);
        assertThat(jsonl(sink.events)).isEqualTo(jsonl(IngestFiles.oneShot(file, fixture).events));
        assertThat(tail.cursor().offset()).isEqualTo(fixture.length);
    }

    @Test
    void readNew_stoppedByTheBudgetMidLine_holdsNoPartialLine_andYieldsEveryEventOnce()
            throws IOException {
        byte[] fixture = FixtureFiles.sharedKato("claude-session.jsonl");
        Path path = dir.resolve("sess-001.jsonl");
        Files.write(path, fixture);
        SessionFile file = IngestFiles.claude(path);
        int budget = 1 + lines(fixture).stream().mapToInt(l -> l.length).max().orElseThrow();
        FileTail tail = new FileTail(file, null, ParserLimits.DEFAULT, new byte[64], budget);
        CollectingSink sink = new CollectingSink();
        int reads = 0;
        TailRead read;
        do {
            read = tail.readNew(sink);
            reads++;
            if (read.more()) {
                // paused mid-file: the next read starts at the cursor, nothing is held
                assertThat(tail.position()).isEqualTo(tail.cursor().offset());
            }
        } while (read.more());
        assertThat(reads).isGreaterThan(2);
        assertThat(jsonl(sink.events)).isEqualTo(jsonl(IngestFiles.oneShot(file, fixture).events));
        assertThat(ids(sink.events)).doesNotHaveDuplicates();
        assertThat(tail.cursor().offset()).isEqualTo(fixture.length);
    }

    @Test
    void readNew_truncatedBelowCursor_restartsAtZero() throws IOException {
        Path path = dir.resolve("sess-001.jsonl");
        String one = CLAUDE_USER.formatted("u1", "one");
        append(path, one + CLAUDE_USER.formatted("u2", "two") + CLAUDE_USER.formatted("u3", "3"));
        FileTail tail = tail(IngestFiles.claude(path), null);
        assertThat(readAll(tail).events).hasSize(3);
        String key = tail.cursor().fileKey();

        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
            ch.truncate(one.length());
        }
        CollectingSink again = new CollectingSink();
        TailRead read = tail.readNew(again);

        assertThat(read.status()).isEqualTo(TailStatus.TRUNCATED);
        assertThat(ids(again.events)).containsExactly("claude:u1");
        assertThat(tail.cursor()).isEqualTo(new IngestCursor(key, one.length()));

        append(path, CLAUDE_USER.formatted("u4", "four"));
        CollectingSink next = new CollectingSink();
        assertThat(tail.readNew(next).status()).isEqualTo(TailStatus.READ);
        assertThat(ids(next.events)).containsExactly("claude:u4");
    }

    @Test
    void readNew_fileRenamedOver_isReplaced_andReadFromZero() throws IOException {
        Path path = dir.resolve("sess-001.jsonl");
        append(path, CLAUDE_USER.formatted("u1", "one"));
        FileTail tail = tail(IngestFiles.claude(path), null);
        readAll(tail);
        String oldKey = tail.cursor().fileKey();

        Path tmp = dir.resolve("new.tmp");
        append(tmp, CLAUDE_USER.formatted("r1", "replacement one"));
        append(tmp, CLAUDE_USER.formatted("r2", "replacement two, longer than before"));
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        CollectingSink sink = new CollectingSink();
        TailRead read = tail.readNew(sink);

        assertThat(read.status()).isEqualTo(TailStatus.REPLACED);
        assertThat(ids(sink.events)).containsExactly("claude:r1", "claude:r2");
        assertThat(tail.cursor().fileKey()).isNotEqualTo(oldKey);
        assertThat(tail.cursor().offset()).isEqualTo(Files.size(path));
    }

    @Test
    void readNew_deletedFile_reportsDeleted_andKeepsItsCursor() throws IOException {
        Path path = dir.resolve("sess-001.jsonl");
        append(path, CLAUDE_USER.formatted("u1", "one"));
        FileTail tail = tail(IngestFiles.claude(path), null);
        readAll(tail);
        IngestCursor before = tail.cursor();
        Files.delete(path);

        CollectingSink sink = new CollectingSink();
        assertThat(tail.readNew(sink)).isEqualTo(new TailRead(TailStatus.DELETED, 0, false));
        assertThat(sink.events).isEmpty();
        assertThat(tail.cursor()).isEqualTo(before);
    }

    @Test
    void readNew_geminiJsonRewrittenInPlace_eachEventOnce() throws IOException {
        Path chats = Files.createDirectories(dir.resolve("proj/chats"));
        Path path = chats.resolve("session-2026-03-01T09-00-9b8a7c6d.json");
        SessionFile file = IngestFiles.gemini(path);
        FileTail tail = tail(file, null);
        List<ConversationEvent> got = new ArrayList<>();
        for (int i = 1; i <= 4; i++) { // the first write and three rewrites
            Files.write(
                    path,
                    FixtureFiles.testdata(
                            "provider/gemini/legacy-rewrites.snapshot-" + i + ".json"));
            CollectingSink sink = new CollectingSink();
            readAll(tail).events.forEach(got::add);
            assertThat(tail.readNew(sink).bytesRead()).as("unchanged file is not re-read").isZero();
        }
        assertThat(ids(got))
                .containsExactlyElementsOf(
                        IngestFiles.goldenIds("provider/gemini/legacy-rewrites.events.jsonl"));
        assertThat(ids(got)).anyMatch(id -> id.endsWith(":result")); // the late tool result
        assertThat(tail.cursor().offset()).isZero();
    }

    @Test
    void readNew_geminiJsonlReappendedMessages_eachChangeOnce() throws IOException {
        byte[] input = FixtureFiles.testdata("provider/gemini/jsonl-reappend.input.jsonl");
        Path chats = Files.createDirectories(dir.resolve("proj/chats"));
        Path path = chats.resolve("session-2026-03-01T09-00-3f2a9c10.jsonl");
        FileTail tail = tail(IngestFiles.gemini(path), null);
        List<ConversationEvent> got = new ArrayList<>();
        for (byte[] line : lines(input)) {
            append(path, line);
            got.addAll(readAll(tail).events);
        }
        assertThat(ids(got))
                .containsExactlyElementsOf(
                        IngestFiles.goldenIds("provider/gemini/jsonl-reappend.events.jsonl"));
    }

    @Test
    void resume_claude_yieldsExactlyTheEventsAfterTheCursor() throws IOException {
        assertResumeYieldsSuffix(
                IngestFiles.claude(dir.resolve("sess-001.jsonl")),
                FixtureFiles.sharedKato("claude-session.jsonl"));
    }

    @Test
    void resume_codex_rebuildsStateAndYieldsExactlyTheEventsAfterTheCursor() throws IOException {
        for (String name :
                List.of(
                        "codex-session-request-user-input.jsonl",
                        "codex-session-vscode-new.jsonl",
                        "codex-session-legacy.jsonl")) {
            Path sub = Files.createDirectories(dir.resolve(name));
            assertResumeYieldsSuffix(
                    IngestFiles.codex(sub.resolve("rollout-2026-03-01T10-00-00-abc.jsonl")),
                    FixtureFiles.sharedKato(name));
        }
    }

    @Test
    void resume_geminiJsonl_replaysThePrefixSilently_andReportsOnlyLaterChanges()
            throws IOException {
        Path chats = Files.createDirectories(dir.resolve("proj/chats"));
        assertResumeYieldsSuffix(
                IngestFiles.gemini(chats.resolve("session-2026-03-01T09-00-3f2a9c10.jsonl")),
                FixtureFiles.testdata("provider/gemini/jsonl-reappend.input.jsonl"));
    }

    @Test
    void resume_withAnotherFileKey_isReplaced_andReadFromZero() throws IOException {
        Path path = dir.resolve("sess-001.jsonl");
        append(path, CLAUDE_USER.formatted("u1", "one") + CLAUDE_USER.formatted("u2", "two"));
        FileTail tail = tail(IngestFiles.claude(path), new IngestCursor("(dev=0,ino=0)", 10));
        CollectingSink sink = new CollectingSink();
        assertThat(tail.readNew(sink).status()).isEqualTo(TailStatus.REPLACED);
        assertThat(ids(sink.events)).containsExactly("claude:u1", "claude:u2");
    }

    @Test
    void toString_showsNoPathOrContent() throws IOException {
        Path path = dir.resolve("secret-project-sess.jsonl");
        append(path, CLAUDE_USER.formatted("u1", "top secret words"));
        FileTail tail = tail(IngestFiles.claude(path), null);
        readAll(tail);
        assertThat(tail.toString()).doesNotContain("secret").contains("cursor=");
    }

    /**
     * Every line boundary as a cursor: a tail resumed there must give exactly what a tail that read
     * everything gave after that boundary.
     */
    private static void assertResumeYieldsSuffix(SessionFile file, byte[] content)
            throws IOException {
        List<byte[]> lines = lines(content);
        Files.write(file.path(), new byte[0]);
        FileTail writer = tail(file, null);
        List<List<ConversationEvent>> perLine = new ArrayList<>();
        List<IngestCursor> cursors = new ArrayList<>();
        for (byte[] line : lines) {
            append(file.path(), line);
            perLine.add(readAll(writer).events);
            cursors.add(writer.cursor());
        }
        assertThat(perLine.stream().mapToInt(List::size).sum()).isPositive();
        for (int k = 0; k < lines.size(); k++) {
            List<ConversationEvent> expected = new ArrayList<>();
            perLine.subList(k + 1, lines.size()).forEach(expected::addAll);
            FileTail resumed = tail(file, cursors.get(k));
            CollectingSink sink = readAll(resumed);
            assertThat(jsonl(sink.events))
                    .as("%s resumed after line %d", file.path().getFileName(), k + 1)
                    .isEqualTo(jsonl(expected));
            assertThat(sink.anomalies).isEmpty();
            assertThat(resumed.cursor()).isEqualTo(writer.cursor());
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }
}

package dev.kato.ingest;

import static dev.kato.ingest.IngestFiles.append;
import static dev.kato.ingest.IngestFiles.ids;
import static dev.kato.ingest.IngestFiles.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.testing.FixtureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LiveIngest} with real files, a real watch service and its real thread. */
class LiveIngestTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final String USER =
            "{\"type\":\"user\",\"uuid\":\"%s\",\"parentUuid\":null,\"isSidechain\":false,"
                    + "\"sessionId\":\"sess-001\",\"timestamp\":\"2026-02-10T23:40:00.000Z\","
                    + "\"message\":{\"role\":\"user\",\"content\":\"%s\"}}\n";

    @TempDir Path home;

    private final Recorder recorder = new Recorder();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ThreadFactory factory =
            r -> {
                Thread t = new Thread(r, "kato-ingest-test-" + threads.size());
                t.setDaemon(true);
                threads.add(t);
                return t;
            };
    private @Nullable LiveIngest ingest;

    @AfterEach
    void stop() throws IOException {
        if (ingest != null) {
            ingest.close();
        }
    }

    private Path claudeRoot() throws IOException {
        return Files.createDirectories(home.resolve(".claude/projects"));
    }

    private LiveIngest start(
            Map<Provider, List<Path>> roots,
            Map<Path, IngestCursor> cursors,
            LiveIngestOptions options)
            throws IOException, InterruptedException {
        ingest = new LiveIngest(roots, cursors, options, recorder, factory, InstantSource.system());
        ingest.start();
        assertThat(ingest.awaitInitialScan(PATIENCE)).isTrue();
        return ingest;
    }

    @Test
    void twoReaders_readSeveralFilesAtOnce_eachFileWholeOnceAndInOrder() throws Exception {
        Path project = Files.createDirectories(claudeRoot().resolve("-home-u-app"));
        byte[] fixture = FixtureFiles.sharedKato("claude-session.jsonl");
        int files = 120;
        for (int i = 0; i < files; i++) {
            append(project.resolve("sess-" + i + ".jsonl"), fixture);
        }
        // Small reads, so every file takes several turns and the turns interleave.
        LiveIngestOptions options =
                new LiveIngestOptions(
                        Duration.ofSeconds(30),
                        256,
                        1024,
                        true,
                        LiveIngestOptions.DEFAULT.parserLimits(),
                        2);
        start(Map.of(Provider.CLAUDE, List.of(claudeRoot())), Map.of(), options);
        for (int i = 0; i < files; i++) {
            String name = "sess-" + i + ".jsonl";
            recorder.await(b ->
                    b.file().path().getFileName().toString().equals(name)
                            && b.cursor().offset() == fixture.length);
        }
        for (int i = 0; i < files; i++) {
            String name = "sess-" + i + ".jsonl";
            List<ConversationEvent> expected =
                    IngestFiles.oneShot(IngestFiles.claude(project.resolve(name)), fixture).events;
            List<IngestBatch> ofFile =
                    recorder.batches.stream()
                            .filter(b -> b.file().path().getFileName().toString().equals(name))
                            .toList();
            assertThat(ofFile).extracting(b -> b.cursor().offset()).isSorted();
            List<ConversationEvent> got = new ArrayList<>();
            ofFile.forEach(b -> got.addAll(b.events()));
            assertThat(IngestFiles.jsonl(got)).as(name).isEqualTo(IngestFiles.jsonl(expected));
        }
        assertThat(Set.copyOf(recorder.threadNames)).as("threads that delivered").hasSize(2);
        assertThat(recorder.failures).isEmpty();
    }

    @Test
    void appendedLines_areDeliveredOnceInOrder_quickly_withCursorsAtLineEnds() throws Exception {
        Path project = Files.createDirectories(claudeRoot().resolve("-home-u-app"));
        Path file = project.resolve("sess-001.jsonl");
        byte[] fixture = FixtureFiles.sharedKato("claude-session.jsonl");
        List<byte[]> lines = lines(fixture);
        append(file, lines.get(0));
        append(file, lines.get(1));
        start(Map.of(Provider.CLAUDE, List.of(claudeRoot())), Map.of(), LiveIngestOptions.DEFAULT);
        recorder.await(b -> b.cursor().offset() == lines.get(0).length + lines.get(1).length);
        assertThat(recorder.appeared).containsExactly("sess-001.jsonl true");
        assertThat(recorder.batches).allMatch(b -> b.provenance() == Provenance.PRESENT_AT_START);

        long written = lines.get(0).length + lines.get(1).length;
        for (byte[] line : lines.subList(2, lines.size())) {
            int half = line.length / 2;
            append(file, java.util.Arrays.copyOf(line, half)); // a partial line first
            Thread.sleep(5);
            long t0 = System.nanoTime();
            append(file, java.util.Arrays.copyOfRange(line, half, line.length));
            written += line.length;
            long end = written;
            IngestBatch batch = recorder.await(b -> b.cursor().offset() == end);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(millis).as("delivery latency").isLessThan(2_000);
            assertThat(batch.provenance()).isEqualTo(Provenance.LIVE);
        }
        List<ConversationEvent> expected =
                IngestFiles.oneShot(IngestFiles.claude(file), fixture).events;
        assertThat(IngestFiles.jsonl(recorder.events())).isEqualTo(IngestFiles.jsonl(expected));
        assertThat(recorder.batches)
                .allMatch(b -> b.cursor().offset() <= fixture.length)
                .extracting(b -> b.cursor().offset())
                .isSorted();
        assertThat(threads).hasSize(1);
        assertThat(recorder.threadNames).containsOnly("kato-ingest-test-0");
        assertThat(recorder.failures).isEmpty();
    }

    @Test
    void fileCreatedWhileRunning_isLiveFromItsFirstByte() throws Exception {
        Path root = Files.createDirectories(home.resolve(".codex/sessions/2026/03/01"));
        start(
                Map.of(Provider.CODEX, List.of(home.resolve(".codex/sessions"))),
                Map.of(),
                LiveIngestOptions.DEFAULT);
        byte[] fixture = FixtureFiles.sharedKato("codex-session-vscode-new.jsonl");
        Path day = Files.createDirectories(root.resolveSibling("02"));
        Path file = day.resolve("rollout-2026-03-02T10-00-00-abc.jsonl");
        for (byte[] line : lines(fixture)) {
            append(file, line);
        }
        recorder.await(b -> b.cursor().offset() == fixture.length);
        assertThat(recorder.appeared).containsExactly(file.getFileName() + " false");
        assertThat(recorder.batches).allMatch(b -> b.provenance() == Provenance.LIVE);
        assertThat(IngestFiles.jsonl(recorder.events()))
                .isEqualTo(
                        IngestFiles.jsonl(
                                IngestFiles.oneShot(IngestFiles.codex(file), fixture).events));
    }

    @Test
    void persistedCursors_resumeAfterTheCursor_andTruncationIsReported() throws Exception {
        Path project = Files.createDirectories(claudeRoot().resolve("p"));
        Path file = project.resolve("sess-001.jsonl");
        String first = USER.formatted("u1", "one");
        append(file, first + USER.formatted("u2", "two"));
        String key = DirectorySnapshot.fileKeyOf(DirectorySnapshot.tryStat(file).orElseThrow());
        start(
                Map.of(Provider.CLAUDE, List.of(claudeRoot())),
                Map.of(file, new IngestCursor(key, first.length())),
                LiveIngestOptions.DEFAULT);
        recorder.await(b -> !b.events().isEmpty());
        assertThat(ids(recorder.events())).containsExactly("claude:u2");

        Files.write(
                file, USER.formatted("t1", "t").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        recorder.await(b -> ids(b.events()).contains("claude:t1"));
        assertThat(recorder.resets).containsExactly("sess-001.jsonl TRUNCATED");
    }

    /**
     * The safety net: with watch hints switched off (as on a file system without change
     * notification, and as if every inotify event were lost) the periodic rescan still finds a new
     * file and an append.
     */
    @Test
    void withoutWatchHints_theRescanTimerFindsChanges() throws Exception {
        Path project = Files.createDirectories(claudeRoot().resolve("p"));
        start(
                Map.of(Provider.CLAUDE, List.of(claudeRoot())),
                Map.of(),
                LiveIngestOptions.DEFAULT
                        .withWatchHints(false)
                        .withRescanInterval(Duration.ofMillis(200)));
        Path file = project.resolve("sess-001.jsonl");
        append(file, USER.formatted("u1", "one"));
        recorder.await(b -> ids(b.events()).contains("claude:u1"));
        append(file, USER.formatted("u2", "two"));
        recorder.await(b -> ids(b.events()).contains("claude:u2"));
        assertThat(recorder.appeared).containsExactly("sess-001.jsonl false");
    }

    @Test
    void idle_threadSleeps_andCloseStopsIt() throws Exception {
        Path project = Files.createDirectories(claudeRoot().resolve("p"));
        append(project.resolve("sess-001.jsonl"), USER.formatted("u1", "one"));
        LiveIngest live =
                start(
                        Map.of(Provider.CLAUDE, List.of(claudeRoot())),
                        Map.of(),
                        LiveIngestOptions.DEFAULT);
        recorder.await(b -> !b.events().isEmpty());
        Thread thread = threads.getFirst();
        Thread.sleep(200); // let it finish the turn that follows the catch-up
        for (int i = 0; i < 20; i++) {
            Thread.sleep(10);
            assertThat(thread.getState())
                    .as("an idle ingest thread waits, it does not poll")
                    .isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
        }
        assertThat(thread.isDaemon()).isTrue();
        live.close();
        assertThat(thread.isAlive()).isFalse();
        live.close(); // idempotent
    }

    @Test
    void aThrowingListener_isReported_andIngestionGoesOn() throws Exception {
        Path project = Files.createDirectories(claudeRoot().resolve("p"));
        recorder.throwOnce = true;
        start(Map.of(Provider.CLAUDE, List.of(claudeRoot())), Map.of(), LiveIngestOptions.DEFAULT);
        Path file = project.resolve("sess-001.jsonl");
        append(file, USER.formatted("u1", "one"));
        awaitTrue(() -> !recorder.failures.isEmpty());
        append(file, USER.formatted("u2", "two"));
        recorder.await(b -> ids(b.events()).contains("claude:u2"));
    }

    @Test
    void geminiJsonRewrites_andDeletion_whileRunning() throws Exception {
        Path chats = Files.createDirectories(home.resolve(".gemini/tmp/proj/chats"));
        start(
                Map.of(Provider.GEMINI, List.of(home.resolve(".gemini/tmp"))),
                Map.of(),
                LiveIngestOptions.DEFAULT);
        Path file = chats.resolve("session-2026-03-01T09-00-9b8a7c6d.json");
        List<String> golden = IngestFiles.goldenIds("provider/gemini/legacy-rewrites.events.jsonl");
        for (int i = 1; i <= 4; i++) {
            Files.write(
                    file,
                    FixtureFiles.testdata(
                            "provider/gemini/legacy-rewrites.snapshot-" + i + ".json"));
            Thread.sleep(50);
        }
        awaitTrue(() -> ids(recorder.events()).size() >= golden.size());
        Thread.sleep(100);
        assertThat(ids(recorder.events())).containsExactlyElementsOf(golden);

        Files.delete(file);
        awaitTrue(() -> recorder.removed.contains(file.getFileName().toString()));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + PATIENCE);
            }
            Thread.sleep(5);
        }
    }

    /** A listener that records everything, thread-safely. */
    static final class Recorder implements IngestListener {
        final List<String> appeared = new CopyOnWriteArrayList<>();
        final List<IngestBatch> batches = new CopyOnWriteArrayList<>();
        final List<String> resets = new CopyOnWriteArrayList<>();
        final List<String> removed = new CopyOnWriteArrayList<>();
        final List<Exception> failures = new CopyOnWriteArrayList<>();
        final List<String> threadNames = new CopyOnWriteArrayList<>();
        volatile boolean throwOnce;

        @Override
        public void fileAppeared(SessionFile file, boolean presentAtStart) {
            appeared.add(file.path().getFileName() + " " + presentAtStart);
        }

        @Override
        public void batch(IngestBatch batch) {
            threadNames.add(Thread.currentThread().getName());
            if (throwOnce) {
                throwOnce = false;
                throw new IllegalStateException("consumer failed");
            }
            batches.add(batch);
        }

        @Override
        public void fileReset(SessionFile file, TailStatus reason) {
            resets.add(file.path().getFileName() + " " + reason);
        }

        @Override
        public void fileRemoved(SessionFile file) {
            removed.add(file.path().getFileName().toString());
        }

        @Override
        public void failed(@Nullable SessionFile file, Exception cause) {
            failures.add(cause);
        }

        @Override
        public void stopped(Error cause) {
            failures.add(new IllegalStateException("ingest stopped", cause));
        }

        List<ConversationEvent> events() {
            List<ConversationEvent> all = new ArrayList<>();
            batches.forEach(b -> all.addAll(b.events()));
            return all;
        }

        IngestBatch await(Predicate<IngestBatch> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (IngestBatch b : batches) {
                    if (wanted.test(b)) {
                        return b;
                    }
                }
                Thread.sleep(1);
            }
            throw new AssertionError("no matching batch within " + PATIENCE + ": " + batches);
        }
    }
}

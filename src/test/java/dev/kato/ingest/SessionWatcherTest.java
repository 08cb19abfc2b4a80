package dev.kato.ingest;

import static dev.kato.ingest.IngestFiles.append;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.Provider;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SessionWatcher} on real directories, driven from the test thread: watch hints with a real
 * {@link java.nio.file.WatchService}, and the rescan alone (no watch service at all).
 */
class SessionWatcherTest {
    private static final String LINE = "{\"type\":\"user\",\"uuid\":\"u1\",\"sessionId\":\"s\"}\n";
    private static final String CODEX_META =
            "{\"type\":\"session_meta\",\"payload\":{\"id\":\"019c0000-0000-7000-8000-000000000001\"}}\n";

    @TempDir Path home;

    private final List<String> seen = new ArrayList<>();
    private @Nullable SessionWatcher watcher;

    private final SessionWatcher.Listener recorder =
            new SessionWatcher.Listener() {
                @Override
                public void fileAppeared(SessionFile file, boolean presentAtStart) {
                    seen.add("appeared " + name(file) + " " + presentAtStart);
                }

                @Override
                public void fileChanged(SessionFile file) {
                    seen.add("changed " + name(file));
                }

                @Override
                public void fileRemoved(SessionFile file) {
                    seen.add("removed " + name(file));
                }
            };

    @AfterEach
    void close() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }

    private static String name(SessionFile file) {
        return file.path().getFileName().toString();
    }

    private SessionWatcher start(Map<Provider, List<Path>> roots, boolean hints)
            throws IOException {
        watcher =
                new SessionWatcher(
                        roots, recorder, hints ? FileSystems.getDefault().newWatchService() : null);
        watcher.start();
        return watcher;
    }

    /** Lets the watcher process hints until {@code expected} has been seen (at most 5 s). */
    private void awaitSeen(SessionWatcher w, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!seen.contains(expected) && System.nanoTime() < deadline) {
            w.awaitHints(100);
        }
        assertThat(seen).contains(expected);
    }

    @Test
    void start_reportsExistingSessionFilesAsPresentAtStart_andIgnoresOthers() throws IOException {
        Path claude = Files.createDirectories(home.resolve(".claude/projects/-home-u-app"));
        append(claude.resolve("aaaa.jsonl"), LINE);
        append(claude.resolve("notes.txt"), "not a session");
        Path sub = Files.createDirectories(claude.resolve("aaaa/subagents"));
        append(sub.resolve("agent-x1.jsonl"), LINE);

        start(Map.of(Provider.CLAUDE, List.of(home.resolve(".claude/projects"))), true);

        assertThat(seen)
                .containsExactly("appeared aaaa.jsonl true", "appeared agent-x1.jsonl true");
    }

    @Test
    void newFile_andNewCodexDayFolder_appearWhileRunning() throws Exception {
        Path root = Files.createDirectories(home.resolve(".codex/sessions/2026/03/01"));
        append(root.resolve("rollout-2026-03-01T10-00-00-a.jsonl"), CODEX_META);
        SessionWatcher w =
                start(Map.of(Provider.CODEX, List.of(home.resolve(".codex/sessions"))), true);
        assertThat(seen).containsExactly("appeared rollout-2026-03-01T10-00-00-a.jsonl true");

        append(root.resolve("rollout-2026-03-01T11-00-00-b.jsonl"), CODEX_META);
        awaitSeen(w, "appeared rollout-2026-03-01T11-00-00-b.jsonl false");

        // a new month and day folder, with the file written right after mkdir
        Path day = Files.createDirectories(home.resolve(".codex/sessions/2026/04/02"));
        append(day.resolve("rollout-2026-04-02T09-00-00-c.jsonl"), CODEX_META);
        awaitSeen(w, "appeared rollout-2026-04-02T09-00-00-c.jsonl false");

        append(day.resolve("rollout-2026-04-02T09-00-00-c.jsonl"), CODEX_META);
        awaitSeen(w, "changed rollout-2026-04-02T09-00-00-c.jsonl");
    }

    @Test
    void deletedFileAndDirectory_areReportedRemoved() throws Exception {
        Path project = Files.createDirectories(home.resolve("projects/p1"));
        append(project.resolve("s1.jsonl"), LINE);
        append(project.resolve("s2.jsonl"), LINE);
        SessionWatcher w = start(Map.of(Provider.CLAUDE, List.of(home.resolve("projects"))), true);

        Files.delete(project.resolve("s1.jsonl"));
        awaitSeen(w, "removed s1.jsonl");

        Files.delete(project.resolve("s2.jsonl"));
        Files.delete(project);
        awaitSeen(w, "removed s2.jsonl");
        assertThat(w.trackedDirectories()).isEqualTo(1);
    }

    @Test
    void rootCreatedLater_isFoundThroughItsAncestor() throws Exception {
        Path root = home.resolve("later/.gemini/tmp");
        SessionWatcher w = start(Map.of(Provider.GEMINI, List.of(root)), true);
        assertThat(seen).isEmpty();

        Path chats = Files.createDirectories(root.resolve("proj/chats"));
        append(chats.resolve("session-2026-03-01T09-00-3f2a9c10.jsonl"), "{\"sessionId\":\"s\"}\n");
        awaitSeen(w, "appeared session-2026-03-01T09-00-3f2a9c10.jsonl false");
    }

    /** No watch service at all: only {@link SessionWatcher#rescanAll} finds changes. */
    @Test
    void withoutWatchHints_rescanAllFindsEveryChange() throws Exception {
        Path project = Files.createDirectories(home.resolve("projects/p1"));
        append(project.resolve("s1.jsonl"), LINE);
        SessionWatcher w = start(Map.of(Provider.CLAUDE, List.of(home.resolve("projects"))), false);

        append(project.resolve("s1.jsonl"), LINE);
        Path p2 = Files.createDirectories(home.resolve("projects/p2"));
        append(p2.resolve("s2.jsonl"), LINE);
        w.awaitHints(50); // nothing to wait on
        assertThat(seen).containsExactly("appeared s1.jsonl true");

        w.rescanAll();
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        "appeared s1.jsonl true", "changed s1.jsonl", "appeared s2.jsonl false");

        Files.delete(project.resolve("s1.jsonl"));
        w.rescanAll();
        assertThat(seen).endsWith("removed s1.jsonl");
    }
}

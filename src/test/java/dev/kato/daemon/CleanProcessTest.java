package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.daemon.scenario.ClaudeLog;
import dev.kato.daemon.scenario.Scenario;
import dev.kato.testing.KatoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kato clean} with the daemon running and stopped, against real files. */
class CleanProcessTest {
    @TempDir Path tmp;
    private Scenario s;

    @AfterEach
    void tearDown() throws Exception {
        s.close();
    }

    @Test
    void clean_logsRecordingsAndSessions_keepsWhatIsInUse_andNeverTheAuditLog() throws Exception {
        s = new Scenario(tmp);
        ClaudeLog old = ClaudeLog.main(s.claudeProject(), "c1a2b3c4-0000-4000-8000-0000000001d0");
        old.at(Instant.parse("2025-01-01T00:00:00Z"));
        old.append(old.user("long ago"), old.assistant("old answer"));
        s.start();
        ClaudeLog now = ClaudeLog.main(s.claudeProject(), "c1a2b3c4-0000-4000-8000-0000000001e0");
        now.at(Instant.now());
        now.append(now.user("::record"), now.assistant("recorded now"));
        Path recordings = s.katoHome.resolve("recordings");
        Path active = awaitOneRecording(recordings);
        Path stale = Files.writeString(recordings.resolve("claude-old-20250101T000000Z.md"), "x");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));
        Path audit = s.katoHome.resolve("logs/security-audit.jsonl");
        String auditBefore = Files.readString(audit);

        KatoProcess.Result refused = s.kato("clean", "--sessions", "30");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("daemon is running");

        KatoProcess.Result dry = s.kato("clean", "--recordings", "0", "--dry-run");
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).contains("would remove " + stale).doesNotContain(active.toString());
        assertThat(stale).exists();

        KatoProcess.Result cleaned = s.kato("clean", "--recordings", "0", "--logs");
        assertThat(cleaned.exitCode()).as(cleaned.err()).isZero();
        assertThat(stale).doesNotExist();
        assertThat(active).exists(); // recording right now
        assertThat(Files.size(s.katoHome.resolve("logs/operational.jsonl"))).isZero();
        assertThat(Files.readString(audit)).startsWith(auditBefore);

        s.stop();
        // Only the session that recorded keeps a recording checkpoint; history-only ones need none.
        try (Stream<Path> checkpoints = Files.walk(s.katoHome.resolve("sessions"))) {
            assertThat(checkpoints.filter(f -> f.endsWith("recording.json"))).hasSize(1);
        }
        KatoProcess.Result all = s.kato("clean", "--all", "--dry-run");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out())
                .contains("would remove " + active)
                .contains("would remove session")
                .doesNotContain("security-audit");
        assertThat(active).exists();

        KatoProcess.Result sessions = s.kato("clean", "--sessions", "30");
        assertThat(sessions.exitCode()).as(sessions.err()).isZero();
        assertThat(sessions.out()).containsOnlyOnce("removed session");
        try (Stream<Path> left = Files.list(s.katoHome.resolve("sessions"))) {
            assertThat(left.filter(Files::isDirectory)).hasSize(1);
        }
        assertThat(s.kato("audit", "verify").exitCode()).isZero();

        KatoProcess.Result nothing = s.kato("clean");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to clean");
    }

    private static Path awaitOneRecording(Path dir) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    var found = files.filter(f -> f.toString().endsWith(".md")).toList();
                    if (found.size() == 1
                            && Files.readString(found.getFirst()).contains("recorded now")) {
                        return found.getFirst();
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no default recording appeared");
    }
}

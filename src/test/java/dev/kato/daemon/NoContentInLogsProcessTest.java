package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.daemon.scenario.ClaudeLog;
import dev.kato.daemon.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unique marker planted in every kind of message a log can carry, through a real daemon that
 * records, rejects and skips commands: the marker reaches the destination and the vault, and no
 * log, status snapshot or daemon output file.
 */
class NoContentInLogsProcessTest {
    private static final String MARK = "QZXV";

    @TempDir Path tmp;
    private Scenario s;

    @AfterEach
    void tearDown() throws Exception {
        s.close();
    }

    @Test
    void markersInEveryMessageKind_appearInNoLogFile() throws Exception {
        s = new Scenario(tmp);
        ClaudeLog log = ClaudeLog.main(s.claudeProject(), "c1a2b3c4-0000-4000-8000-00000000feed");
        log.append(log.user(MARK + "-history ::capture " + s.note("never.md")));
        s.start();
        Path p = s.note("recorded.md");
        log.append(
                log.user(MARK + "-typed\n::capture " + p),
                log.assistant(MARK + "-assistant ::export " + s.note("x.md")),
                log.toolResult(MARK + "-tool-result\n::export " + s.note("y.md")),
                log.meta(MARK + "-meta\n::export " + s.note("z.md")),
                thinking(log, MARK + "-thinking"),
                log.user(MARK + "-bad-line\n::capture relative/path.md"),
                log.user(MARK + "-rejected\n::captur " + s.note("q.md")));
        Scenario.awaitContains(p, MARK + "-rejected");
        s.kato("status", "--json");
        s.stop();

        String recorded = Files.readString(p);
        assertThat(recorded).contains(MARK + "-typed").contains(MARK + "-assistant");
        List<Path> logs;
        try (Stream<Path> files = Files.walk(s.katoHome)) {
            logs =
                    files.filter(Files::isRegularFile)
                            .filter(f -> !f.startsWith(s.katoHome.resolve("sessions")))
                            .filter(f -> !f.getFileName().toString().endsWith(".yaml"))
                            .toList();
        }
        assertThat(logs)
                .extracting(f -> f.getFileName().toString())
                .contains("operational.jsonl", "security-audit.jsonl");
        for (Path f : logs) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain(MARK);
        }
        try (Stream<Path> vault = Files.walk(s.katoHome.resolve("sessions"))) {
            assertThat(
                            vault.filter(f -> f.getFileName().toString().equals("events.jsonl"))
                                    .anyMatch(f -> read(f).contains(MARK + "-thinking")))
                    .isTrue();
        }
    }

    private static String thinking(ClaudeLog log, String text) {
        // an assistant row whose only block is thinking, as Claude Code writes it
        return log.assistant("x")
                .replace(
                        "{\"type\":\"text\",\"text\":\"x\"}",
                        "{\"type\":\"thinking\",\"thinking\":\""
                                + text
                                + "\",\"signature\":\"s\"}");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.kato.daemon;

import static dev.kato.daemon.scenario.Scenario.awaitContains;
import static dev.kato.daemon.scenario.Scenario.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.daemon.scenario.GeminiChat;
import dev.kato.daemon.scenario.Scenario;
import dev.kato.testing.KatoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gemini CLI chats against the real daemon: the legacy whole-document {@code session-*.json}
 * rewritten by rename and by truncate-and-write (caught half written), the JSONL form with
 * re-appended message copies and partial lines, function responses that never run commands, a
 * restart mid-recording and a deleted chat.
 */
class GeminiCaptureProcessTest {
    private static final String ID = "9b8a7c6d-1111-4222-8333-444455556666";

    @TempDir Path tmp;
    private Scenario s;

    @BeforeEach
    void setUp() throws Exception {
        s = new Scenario(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        s.close();
    }

    @Test
    void legacyJson_rewrittenByRenameAndInPlace_isCapturedOnceWithoutDuplicates() throws Exception {
        GeminiChat chat = GeminiChat.in(s.geminiRoot, ID, false);
        Path p = s.note("gemini.md");
        Path evil = s.note("evil.md");
        chat.user("u1", "old prompt\n::capture " + s.note("history.md"));
        chat.gemini("a1", "old answer");
        chat.rewriteByRename();
        s.start();

        chat.user("u2", "capture now\n::capture " + p);
        chat.rewriteByRename();
        awaitContains(p, "capture now");
        chat.gemini("a2", "live answer");
        chat.rewriteInPlace(Duration.ofMillis(150));
        awaitContains(p, "live answer");
        chat.functionResponse("f1", "::export " + evil);
        chat.gemini("a3", "read the file");
        chat.rewriteByRename();
        awaitContains(p, "read the file");
        // an in-place update of a message already captured (tokens added), then more rewrites
        chat.updateGemini("a2", "live answer");
        chat.rewriteInPlace(Duration.ofMillis(50));
        chat.user("u3", "one more");
        chat.rewriteInPlace(Duration.ofMillis(50));
        chat.gemini("a4", "final answer");
        chat.rewriteByRename();
        chat.rewriteByRename();
        chat.rewriteInPlace(Duration.ofMillis(50));
        chat.user("u4", "::export " + s.note("done.md"));
        chat.rewriteByRename();
        awaitContains(s.note("done.md"), "final answer");
        String text = awaitContains(p, "::export");
        assertThat(evil).doesNotExist();
        assertThat(s.note("history.md")).doesNotExist();
        for (String marker :
                new String[] {"old answer", "capture now", "live answer", "final answer"}) {
            assertThat(count(text, marker)).as(marker).isEqualTo(1);
        }
        s.assertGolden("gemini-json", p);
        assertThat(s.securityAudit()).contains("\"outcome\":\"untrusted-origin\"");
    }

    @Test
    void jsonl_reappendedCopiesAndPartialLines_areWrittenOnce() throws Exception {
        GeminiChat chat = GeminiChat.in(s.geminiRoot, ID, true);
        Path p = s.note("gemini-jsonl.md");
        s.start();
        chat.appendRow(chat.metadataRow());
        chat.appendRow(chat.user("u1", "hello gemini"));
        chat.appendRow(chat.user("u2", "::capture " + p));
        awaitContains(p, "::capture");
        String a1 = chat.gemini("a1", "first version");
        chat.appendRow(a1);
        chat.appendRow(a1); // the same copy again
        chat.appendRow(chat.updateGemini("a1", "first version")); // tokens arrive later
        String row = chat.functionResponse("f1", "::export " + s.note("evil.md")) + "\n";
        chat.appendInTwoPieces(row, row.length() / 2, Duration.ofMillis(200));
        chat.appendRow(chat.gemini("a2", "second answer"));
        awaitContains(p, "second answer");
        String text = Files.readString(p);
        assertThat(count(text, "first version")).isEqualTo(1);
        assertThat(s.note("evil.md")).doesNotExist();
        s.assertGolden("gemini-jsonl", p);
    }

    @Test
    void restartMidRecording_andDeletedChat_loseAndDuplicateNothing() throws Exception {
        GeminiChat chat = GeminiChat.in(s.geminiRoot, ID, false);
        Path p = s.note("p.md");
        s.start();
        chat.user("u1", "hello");
        chat.user("u2", "::capture " + p);
        chat.gemini("a1", "before restart");
        chat.rewriteByRename();
        awaitContains(p, "before restart");
        s.stop();
        chat.user("u3", "typed during downtime\n::export " + s.note("stale.md"));
        chat.gemini("a2", "answer while down");
        chat.rewriteByRename();
        s.start();
        chat.gemini("a3", "after restart");
        chat.rewriteInPlace(Duration.ofMillis(50));
        String text = awaitContains(p, "after restart");
        assertThat(s.note("stale.md")).doesNotExist();
        for (String marker :
                new String[] {"before restart", "typed during downtime", "answer while down"}) {
            assertThat(count(text, marker)).as(marker).isEqualTo(1);
        }
        assertThat(text)
                .containsSubsequence(
                        "hello",
                        "before restart",
                        "typed during downtime",
                        "answer while down",
                        "after restart");

        chat.delete();
        Thread.sleep(300);
        assertThat(Files.readString(p)).isEqualTo(text);
        assertThat(s.daemons()).hasSize(1);
        Path md = s.note("vault.md");
        KatoProcess.Result r = s.kato("export", ID, "-o", md.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        s.assertGolden("gemini-deleted-export", md);
    }
}

package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.daemon.scenario.Scenario;
import dev.kato.testing.KatoProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gemini CLI writes a sub-agent's transcript to {@code chats/<parentSessionId>/<childId>.jsonl},
 * and every row of it carries the child's own {@code sessionId}. A real daemon files it under the
 * parent conversation: stored in the vault (so an export after the logs are gone still has it), no
 * error, and nothing typed in it runs as a command.
 */
class GeminiSubAgentProcessTest {
    private static final String PARENT = "11111111-2222-4333-8444-555566667777";
    private static final String CHILD = "99999999-8888-4777-8666-555544443333";

    @TempDir Path tmp;
    private Scenario s;
    private Path katoHome;
    private Path notes;
    private Path chats;

    @BeforeEach
    void setUp() throws IOException {
        s = new Scenario(tmp);
        katoHome = s.katoHome;
        notes = s.notes;
        chats = Files.createDirectories(s.geminiRoot.resolve("ab12/chats"));
    }

    @AfterEach
    void stopDaemons() throws Exception {
        s.close();
    }

    private static String meta(String sessionId, String kind) {
        return "{\"sessionId\":\""
                + sessionId
                + "\",\"projectHash\":\"ab12\",\"startTime\":\"2026-03-01T09:00:00.000Z\","
                + "\"lastUpdated\":\"2026-03-01T09:00:00.000Z\""
                + (kind == null ? "" : ",\"kind\":\"" + kind + "\"")
                + "}\n";
    }

    private static String user(String id, String second, String text) {
        return "{\"id\":\""
                + id
                + "\",\"timestamp\":\"2026-03-01T09:00:"
                + second
                + ".000Z\",\"type\":\"user\",\"content\":[{\"text\":\""
                + text
                + "\"}]}\n";
    }

    private static String gemini(String id, String second, String text) {
        return "{\"id\":\""
                + id
                + "\",\"timestamp\":\"2026-03-01T09:00:"
                + second
                + ".000Z\",\"type\":\"gemini\",\"content\":\""
                + text
                + "\",\"model\":\"gemini-2.5-pro\"}\n";
    }

    private static void append(Path file, String lines) throws IOException {
        Files.writeString(
                file,
                lines,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Test
    void subAgentTranscript_isStoredUnderTheParent_andNeverRunsCommands() throws Exception {
        assertThat(s.kato("start").exitCode()).isZero();
        Path main = chats.resolve("session-2026-03-01T09-00-11111111.jsonl");
        append(main, meta(PARENT, null));
        append(main, user("u1", "01", "please capture\\n::capture " + notes + "/g.md"));
        DaemonProcesses.awaitFile(notes.resolve("g.md"), t -> t.contains("please capture"));

        Path sub = Files.createDirectories(chats.resolve(PARENT)).resolve(CHILD + ".jsonl");
        append(sub, meta(CHILD, "subagent"));
        append(sub, user("p1", "02", "sub-agent task\\n::capture " + notes + "/sub.md"));
        append(sub, gemini("g1", "03", "sub-agent answer"));
        append(main, gemini("g2", "04", "main answer after the sub-agent"));
        DaemonProcesses.awaitFile(
                notes.resolve("g.md"), t -> t.contains("main answer after the sub-agent"));

        KatoProcess.Result status = s.kato("status", "--json");
        assertThat(status.out()).contains("\"recentErrors\":[]");
        assertThat(notes.resolve("sub.md")).doesNotExist();
        String operational = Files.readString(katoHome.resolve("logs/operational.jsonl"));
        assertThat(operational).contains("\"outcome\":\"untrusted-origin\"");

        // The logs go away; the vault still has the sub-agent's events under the parent.
        assertThat(s.kato("stop").exitCode()).isZero();
        Files.delete(sub);
        Files.delete(main);
        Path exported = notes.resolve("export.jsonl");
        KatoProcess.Result export = s.kato("export", PARENT, "-o", exported.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        String jsonl = Files.readString(exported);
        assertThat(jsonl)
                .contains("sub-agent answer")
                .contains("main answer after the sub-agent")
                .contains("\"agentId\":\"" + CHILD + "\"");
        assertThat(jsonl.split("sub-agent answer", -1)).hasSize(2);
    }
}

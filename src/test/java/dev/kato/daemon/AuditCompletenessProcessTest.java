package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.daemon.scenario.ClaudeLog;
import dev.kato.daemon.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write-policy decision the daemon makes for an in-chat command is in the audit chain, with
 * the policy version, and carries the correlation id of that command's own decision record.
 */
class AuditCompletenessProcessTest {
    private static final Pattern CORRELATION = Pattern.compile("\"correlationId\":\"([^\"]*)\"");

    @TempDir Path tmp;
    private Scenario s;

    @AfterEach
    void tearDown() throws Exception {
        s.close();
    }

    @Test
    void everyPathDecision_isAudited_andTiedToItsCommand() throws Exception {
        s = new Scenario(tmp);
        ClaudeLog log = ClaudeLog.main(s.claudeProject(), "c1a2b3c4-0000-4000-8000-00000000a0d1");
        s.start();
        Path denied = s.outside.resolve("b.md");
        log.append(
                log.user("::capture " + s.note("a.md")),
                log.user("::capture " + denied),
                log.user("::export " + s.note("c.md")));
        Scenario.awaitContains(s.note("c.md"), "::capture");
        s.stop();

        List<String> lines = s.securityAudit().lines().toList();
        List<String> paths =
                lines.stream().filter(l -> l.contains("\"type\":\"path.decision\"")).toList();
        List<String> commands =
                lines.stream().filter(l -> l.contains("\"type\":\"command.decision\"")).toList();
        assertThat(paths).hasSize(3);
        assertThat(paths.stream().filter(l -> l.contains("\"allowed\":true"))).hasSize(2);
        assertThat(paths.stream().filter(l -> l.contains("\"allowed\":false")))
                .singleElement()
                .satisfies(l ->
                        assertThat(l)
                                .contains(denied.toString())
                                .contains("\"reason\":\"OUTSIDE_ALLOWED_ROOTS\""));
        for (String p : paths) {
            assertThat(p).doesNotContain("\"policyVersion\":\"\"");
            String id = correlation(p);
            assertThat(id).isNotEmpty();
            assertThat(commands).anyMatch(c -> correlation(c).equals(id));
        }
    }

    private static String correlation(String line) {
        Matcher m = CORRELATION.matcher(line);
        return m.find() ? m.group(1) : "";
    }
}

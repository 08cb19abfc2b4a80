package dev.kato.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kato.config.SandboxMode;
import dev.kato.event.Provider;
import dev.kato.event.SessionKey;
import dev.kato.ingest.SessionFile;
import dev.kato.provider.FileRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The confined export's request (argv) and report (stdout lines) formats: exact round trips, strict
 * refusal of anything malformed, one line per message.
 */
class ExportRequestTest {
    @Test
    void request_roundTrips_andMalformedIsRefused() {
        SessionKey key = new SessionKey(Provider.CLAUDE, "abc");
        ExportRequest logs =
                new ExportRequest(
                        SandboxMode.BEST_EFFORT,
                        Path.of("/h/.kato/kato-config.yaml"),
                        Path.of("/h/.kato"),
                        Path.of("/h"),
                        "Europe/Paris",
                        "defaults",
                        "/notes/a b.md",
                        new ExportRequest.Logs(
                                key,
                                List.of(
                                        new SessionFile(
                                                Provider.CLAUDE,
                                                Path.of("/logs/main.jsonl"),
                                                FileRole.MAIN,
                                                null),
                                        new SessionFile(
                                                Provider.CLAUDE,
                                                Path.of("/logs/agent-1.jsonl"),
                                                FileRole.SUB_AGENT,
                                                "a1"))));
        assertThat(ExportRequest.decode(logs.encode())).isEqualTo(logs);
        ExportRequest vault =
                new ExportRequest(
                        SandboxMode.REQUIRED,
                        Path.of("/c.yaml"),
                        Path.of("/k"),
                        Path.of("/h"),
                        "UTC",
                        "0123",
                        "/notes/x.jsonl",
                        new ExportRequest.VaultSession(key, Path.of("/k/sessions")));
        assertThat(ExportRequest.decode(vault.encode())).isEqualTo(vault);
        assertThat(vault.input().readable())
                .containsExactly(Path.of("/k/sessions/" + key.katoSessionId()));

        List<String> extra = new ArrayList<>(logs.encode());
        extra.add("/etc/shadow");
        assertThatThrownBy(() -> ExportRequest.decode(extra))
                .isInstanceOf(IllegalArgumentException.class);
        List<String> relative = new ArrayList<>(vault.encode());
        relative.set(relative.size() - 1, "sessions");
        assertThatThrownBy(() -> ExportRequest.decode(relative))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messages_roundTrip_andStayOneLine() {
        for (ExportMessage m :
                List.of(
                        new ExportMessage.Confined(true, false),
                        new ExportMessage.Progress(42),
                        new ExportMessage.Written("/notes/a.md", 3, 1),
                        new ExportMessage.Failed("export denied: x"))) {
            assertThat(ExportMessage.parse(m.line())).contains(m);
        }
        assertThat(new ExportMessage.Failed("a\nb\tc").line()).isEqualTo("failed\ta b c");
        assertThat(ExportMessage.parse("written\tx\t1\t/a")).isEmpty();
    }
}

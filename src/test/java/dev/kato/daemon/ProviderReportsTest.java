package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kato.event.AssistantMessage;
import dev.kato.event.AssistantPhase;
import dev.kato.event.ConversationEvent;
import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import dev.kato.ingest.IngestCursor;
import dev.kato.ingest.Provenance;
import dev.kato.ingest.SessionFile;
import dev.kato.ipc.FrameException;
import dev.kato.ipc.ProviderMessage;
import dev.kato.provider.FileRole;
import dev.kato.vault.LineEvent;
import dev.kato.vault.RenderedBatch;
import dev.kato.writer.JsonlRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The daemon trusts a provider worker no further than its envelope: reports about files outside its
 * roots or of another provider, and batch lines that are not strictly canonical events of its
 * provider (or would split a vault line), are refused as protocol violations.
 */
class ProviderReportsTest {
    private static final Path ROOT = Path.of("/data/claude/projects");
    private static final SessionFile FILE =
            new SessionFile(Provider.CLAUDE, ROOT.resolve("p/s-1.jsonl"), FileRole.MAIN, null);
    private final ProviderReports reports = new ProviderReports(Provider.CLAUDE, List.of(ROOT));

    private static EventMeta meta(Provider provider, String id) {
        return new EventMeta(
                EventId.of(provider, id),
                provider,
                "s-1",
                Instant.parse("2026-12-06T07:00:00Z"),
                null,
                "test",
                id,
                null);
    }

    private static ConversationEvent user(Provider provider, String id) {
        return new UserMessage(meta(provider, id), "hello " + id, UserOrigin.HUMAN);
    }

    private static ProviderMessage.Batch batch(SessionFile file, String... lines) throws Exception {
        StringBuilder all = new StringBuilder();
        int[] ends = new int[lines.length];
        for (int i = 0; i < lines.length; i++) {
            all.append(lines[i]);
            ends[i] = all.toString().getBytes(StandardCharsets.UTF_8).length;
        }
        // through the wire codec, as the daemon receives it
        return (ProviderMessage.Batch)
                decode(
                        ProviderMessage.batch(
                                file,
                                Provenance.LIVE,
                                new IngestCursor("(dev=1,ino=2)", 42),
                                List.of(),
                                all.toString().getBytes(StandardCharsets.UTF_8),
                                ends));
    }

    private static ProviderMessage decode(dev.kato.ipc.Frame frame) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        dev.kato.ipc.WireFrames.write(out, frame);
        var in = new java.io.ByteArrayInputStream(out.toByteArray());
        return ProviderMessage.decode(
                dev.kato.ipc.WireFrames.read(in, ProviderMessage.MAX_BODY).orElseThrow());
    }

    private static String line(ConversationEvent e) {
        return new JsonlRenderer().line(e);
    }

    @Test
    void canonicalLinesOfItsProvider_underItsRoots_areAccepted_asTheVaultWillStoreThem()
            throws Exception {
        ConversationEvent a = user(Provider.CLAUDE, "u1");
        ConversationEvent b =
                new AssistantMessage(
                        meta(Provider.CLAUDE, "a1"), "answer", "m", AssistantPhase.UNSPECIFIED);
        ProviderMessage.Batch batch = batch(FILE, line(a), line(b));
        RenderedBatch lines = reports.lines(batch);
        assertThat(lines.events()).extracting(LineEvent::event).containsExactly(a, b);
        // the user message is read whole (its text feeds commands and titles); the assistant's
        // answer, which the daemon only stores, is skimmed
        assertThat(lines.events())
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Whole", "Skimmed");
        assertThat(new String(lines.lineBytes(), StandardCharsets.UTF_8))
                .isEqualTo(line(a) + line(b));
        assertThat(reports.checked(batch.file())).isEqualTo(FILE);
        assertThat(batch.cursor()).isEqualTo(new IngestCursor("(dev=1,ino=2)", 42));
    }

    @Test
    void filesOutsideItsRoots_orOfAnotherProvider_areRefused() {
        for (SessionFile bad :
                List.of(
                        new SessionFile(
                                Provider.CLAUDE, Path.of("/etc/passwd"), FileRole.MAIN, null),
                        new SessionFile(
                                Provider.CLAUDE,
                                ROOT.resolve("../../x.jsonl"),
                                FileRole.MAIN,
                                null),
                        new SessionFile(Provider.CLAUDE, ROOT, FileRole.MAIN, null),
                        new SessionFile(
                                Provider.CLAUDE,
                                Path.of("/data/claude/projectsX/s.jsonl"),
                                FileRole.MAIN,
                                null),
                        new SessionFile(Provider.CODEX, FILE.path(), FileRole.MAIN, null))) {
            assertThatThrownBy(() -> reports.checked(bad))
                    .as(bad.path().toString())
                    .isInstanceOf(FrameException.class);
        }
    }

    @Test
    void linesThatAreNotCanonicalEventsOfItsProvider_areRefused() throws Exception {
        String good = line(user(Provider.CLAUDE, "u1"));
        List<String> bad =
                List.of(
                        line(user(Provider.CODEX, "u1")), // another provider's event
                        "{\"not\":\"an event\"}\n",
                        "not json\n",
                        good.substring(0, good.length() - 1), // no line feed at its end
                        "{\n" + good.substring(1), // valid JSON, but a line break inside
                        good.replace(
                                "{\"conversationSchemaVersion\"",
                                "{\r\"conversationSchemaVersion\""));
        for (String line : bad) {
            ProviderMessage.Batch batch = batch(FILE, good, line);
            assertThatThrownBy(() -> reports.lines(batch)).isInstanceOf(FrameException.class);
        }
    }
}

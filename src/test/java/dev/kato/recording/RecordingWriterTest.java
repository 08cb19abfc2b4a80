package dev.kato.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.event.AssistantMessage;
import dev.kato.event.AssistantPhase;
import dev.kato.event.ConversationEvent;
import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import dev.kato.policy.ApprovedPath;
import dev.kato.policy.PathDecision;
import dev.kato.policy.PathPolicy;
import dev.kato.writer.MarkdownOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingWriterTest {
    @TempDir Path tmp;
    private PathPolicy policy;
    private final RecordingWriter writer = new RecordingWriter(MarkdownOptions.DEFAULTS);
    private final UUID id = new UUID(0, 7);

    @BeforeEach
    void setUp() throws IOException {
        Path notes = Files.createDirectories(tmp.resolve("notes"));
        long uid = (Integer) Files.getAttribute(tmp, "unix:uid");
        policy =
                new PathPolicy(
                        List.of(notes),
                        tmp.resolve("home"),
                        List.of(),
                        List.of(),
                        List.of(".md", ".jsonl"),
                        uid);
    }

    private ApprovedPath approve(String name) {
        return ((PathDecision.Allowed) policy.decide(tmp.resolve("notes").toString() + "/" + name))
                .path();
    }

    private static EventMeta meta(String id, int second) {
        return new EventMeta(
                EventId.of(Provider.CLAUDE, id),
                Provider.CLAUDE,
                "sess-1",
                Instant.parse("2026-11-23T10:00:00Z").plusSeconds(second),
                null,
                "user",
                id,
                null);
    }

    private static final List<ConversationEvent> HISTORY =
            List.of(
                    new UserMessage(meta("u1", 0), "first question", UserOrigin.HUMAN),
                    new AssistantMessage(
                            meta("a1", 5),
                            "first answer",
                            "claude-opus-4-6",
                            AssistantPhase.UNSPECIFIED),
                    new UserMessage(meta("u2", 10), "now ::capture it", UserOrigin.HUMAN));

    private static RecordingWriter.History history() {
        return consumer -> HISTORY.forEach(consumer);
    }

    @Test
    void snapshotThenAppends_giveOneDocumentWithFrontmatter_andPrivateMode() throws IOException {
        ApprovedPath dest = approve("chat.md");
        UserMessage tail =
                new UserMessage(
                        new EventMeta(
                                new EventId("claude:u2#lines:0-1"),
                                Provider.CLAUDE,
                                "sess-1",
                                Instant.parse("2026-11-23T10:00:10Z"),
                                null,
                                "user",
                                "u2",
                                null),
                        "now ::capture it",
                        UserOrigin.HUMAN);
        writer.apply(
                new RecordingEffect.Snapshot(
                        dest, id, HISTORY.get(2).meta().eventId(), Optional.of(tail)),
                history());
        writer.apply(
                new RecordingEffect.Append(
                        dest,
                        id,
                        new AssistantMessage(
                                meta("a2", 20),
                                "captured answer",
                                "claude-opus-4-6",
                                AssistantPhase.UNSPECIFIED)),
                history());
        writer.apply(
                new RecordingEffect.Append(
                        dest,
                        id,
                        new AssistantMessage(
                                meta("a3", 25),
                                "more",
                                "claude-opus-4-6",
                                AssistantPhase.UNSPECIFIED)),
                history());
        String text = Files.readString(dest.target());
        assertThat(text)
                .startsWith("---\n")
                .contains("recordingIds: [" + id + "]")
                .contains("sessionId: sess-1");
        assertThat(text)
                .containsSubsequence(
                        "first question",
                        "first answer",
                        "now ::capture it",
                        "captured answer",
                        "more");
        assertThat(text.split("# claude-opus-4.6_", -1))
                .hasSize(3); // a heading per speaker change, not per append
        assertThat(text)
                .contains(
                        "now ::capture it\n\n# claude-opus-4.6_2026-11-23_1000_20\n\ncaptured answer\n\nmore\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dest.target())))
                .isEqualTo("rw-------");
    }

    @Test
    void appendWithoutSnapshot_createsTheFileWithFrontmatter() throws IOException {
        ApprovedPath dest = approve("rec.md");
        writer.apply(new RecordingEffect.Append(dest, id, HISTORY.get(0)), history());
        writer.apply(new RecordingEffect.Append(dest, id, HISTORY.get(1)), history());
        String text = Files.readString(dest.target());
        assertThat(text)
                .startsWith("---\nid: first-question-sess1\n")
                .contains("# User_")
                .contains("first answer");
    }

    @Test
    void jsonlDestinations_recordCanonicalJsonl() throws IOException {
        ApprovedPath dest = approve("chat.jsonl");
        writer.apply(
                new RecordingEffect.Snapshot(
                        dest, id, HISTORY.get(2).meta().eventId(), Optional.empty()),
                history());
        writer.apply(new RecordingEffect.Append(dest, id, HISTORY.get(2)), history());
        List<String> lines = Files.readAllLines(dest.target());
        assertThat(lines).hasSize(3);
        assertThat(lines).allMatch(l -> l.startsWith("{\"conversationSchemaVersion\":2,"));
        assertThat(lines.get(2)).contains("\"eventId\":\"claude:u2\"");
    }

    @Test
    void init_createsAFrontmatterOnlyFile_andNeverTouchesAnExistingOne() throws IOException {
        ApprovedPath dest = approve("init.md");
        writer.apply(new RecordingEffect.EnsureFile(dest, id), history());
        assertThat(Files.readString(dest.target()))
                .startsWith("---\n")
                .endsWith("---\n")
                .contains("recordingIds: [" + id + "]");
        Files.writeString(dest.target(), "mine\n");
        writer.apply(new RecordingEffect.EnsureFile(dest, id), history());
        assertThat(dest.target()).hasContent("mine");
    }
}

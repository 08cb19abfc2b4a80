package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.event.UserMessage;
import dev.kato.event.UserOrigin;
import dev.kato.ingest.IngestCursor;
import dev.kato.ingest.Provenance;
import dev.kato.ingest.SessionFile;
import dev.kato.ipc.Frame;
import dev.kato.ipc.FrameException;
import dev.kato.ipc.ProviderMessage;
import dev.kato.ipc.ProviderRequest;
import dev.kato.ipc.WireFrames;
import dev.kato.provider.FileRole;
import dev.kato.vault.RenderedBatch;
import dev.kato.writer.JsonlRenderer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the provider worker's pipes (regression mode in the normal build;
 * {@code JAZZER_FUZZ=1} fuzzes for real): any bytes on the worker's input decode to requests that
 * survive a round trip or fail closed with a {@link FrameException}; any bytes on the daemon's side
 * decode to a report or fail closed, descriptions are printable ASCII, and whatever passes the
 * daemon's checks ({@link ProviderReports}) is a file under the worker's root and lines that each
 * end with their one line feed.
 */
class ProviderFrameFuzzTest {
    private static final Path ROOT = Path.of("/data/claude");
    private static final ProviderReports REPORTS =
            new ProviderReports(Provider.CLAUDE, List.of(ROOT));
    private static final byte[] LINE =
            new JsonlRenderer()
                    .line(
                            new UserMessage(
                                    new EventMeta(
                                            EventId.of(Provider.CLAUDE, "u1"),
                                            Provider.CLAUDE,
                                            "s-1",
                                            Instant.parse("2026-12-06T07:00:00Z"),
                                            null,
                                            "user",
                                            "u1",
                                            null),
                                    "hello",
                                    UserOrigin.HUMAN))
                    .getBytes(StandardCharsets.UTF_8);

    @FuzzTest(maxDuration = "10s")
    void requestFrames_roundTrip_orFailClosed(byte[] input) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(input);
        while (true) {
            ProviderRequest request;
            try {
                Optional<Frame> frame = WireFrames.read(in, ProviderRequest.MAX_BODY);
                if (frame.isEmpty()) {
                    return;
                }
                request = ProviderRequest.decode(frame.get());
            } catch (FrameException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
                return;
            }
            assertThat(ProviderRequest.decode(request.encode())).isEqualTo(request);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void messageFrames_decodeOrFailClosed_andTheDaemonsChecksHold(byte[] input) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(input);
        try {
            Optional<Frame> frame;
            while ((frame = WireFrames.read(in, ProviderMessage.MAX_BODY)).isPresent()) {
                check(ProviderMessage.decode(frame.get()));
            }
        } catch (FrameException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    /** A well-formed batch frame around a fuzzed line and a fuzzed path. */
    @FuzzTest(maxDuration = "10s")
    void batchesOfFuzzedLines_passTheChecksOnlyAsCanonicalEvents(FuzzedDataProvider data)
            throws IOException {
        String path = data.consumeBoolean() ? ROOT + "/p/s-1.jsonl" : data.consumeString(64);
        byte[] line = LINE.clone();
        int edits = data.consumeInt(0, 3);
        for (int i = 0; i < edits; i++) {
            line[data.consumeInt(0, line.length - 1)] = data.consumeByte();
        }
        byte[] extra = data.consumeRemainingAsBytes();
        byte[] lines = new byte[line.length + extra.length];
        System.arraycopy(line, 0, lines, 0, line.length);
        System.arraycopy(extra, 0, lines, line.length, extra.length);
        Frame frame;
        try {
            frame =
                    ProviderMessage.batch(
                            new SessionFile(Provider.CLAUDE, Path.of(path), FileRole.MAIN, null),
                            Provenance.LIVE,
                            new IngestCursor("", 0),
                            List.of(),
                            lines,
                            new int[] {line.length, lines.length});
        } catch (RuntimeException e) {
            return; // not a path this platform can name
        }
        try {
            check(ProviderMessage.decode(frame));
        } catch (FrameException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    private static void check(ProviderMessage message) throws FrameException {
        switch (message) {
            case ProviderMessage.Batch b -> {
                RenderedBatch lines = REPORTS.lines(b);
                SessionFile file = REPORTS.checked(b.file());
                assertThat(file.path().startsWith(ROOT)).isTrue();
                int start = 0;
                byte[] bytes = lines.lineBytes();
                for (int end : lines.lineEnds()) {
                    for (int i = start; i < end - 1; i++) {
                        assertThat(bytes[i]).isNotIn((byte) '\n', (byte) '\r');
                    }
                    assertThat(bytes[end - 1]).isEqualTo((byte) '\n');
                    start = end;
                }
                assertThat(lines.events())
                        .allSatisfy(e -> {
                            assertThat(e.meta().provider()).isEqualTo(Provider.CLAUDE);
                            // whole or skimmed, every accepted line reads back whole
                            assertThat(e.event().meta()).isEqualTo(e.meta());
                        });
            }
            case ProviderMessage.Failed f -> assertThat(f.description()).matches("[\\x20-\\x7e]*");
            case ProviderMessage.Stopped s -> assertThat(s.description()).matches("[\\x20-\\x7e]*");
            case ProviderMessage.Ready r -> assertThat(r.undenied()).matches("[\\x20-\\x7e]*");
            case ProviderMessage.Appeared a -> assertThat(a.file().path().isAbsolute()).isTrue();
            case ProviderMessage.Reset r -> assertThat(r.file().path().isAbsolute()).isTrue();
            case ProviderMessage.Removed r -> assertThat(r.file().path().isAbsolute()).isTrue();
            case ProviderMessage.Scanned sc -> {}
        }
    }
}

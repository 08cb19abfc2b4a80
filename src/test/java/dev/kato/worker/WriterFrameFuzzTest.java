package dev.kato.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kato.ipc.Frame;
import dev.kato.ipc.FrameException;
import dev.kato.ipc.WireFrames;
import dev.kato.ipc.WriterReply;
import dev.kato.ipc.WriterRequest;
import dev.kato.policy.ApprovedPath;
import dev.kato.testing.ApprovedPaths;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Coverage-guided fuzzing of the writer worker's pipes (regression mode in the normal build; {@code
 * JAZZER_FUZZ=1} fuzzes for real): any bytes on the worker's input either decode to requests that
 * encode back to themselves or fail closed with a {@link FrameException}; the worker's serving
 * loop, fed any bytes, ends cleanly or with an {@link IOException}, never leaves a temp file and
 * touches no file but its destination; any bytes on the daemon's side decode to a reply or fail
 * closed, and a failure reply carries printable ASCII only.
 */
class WriterFrameFuzzTest {
    private static final Path ROOT = root();
    private static final ApprovedPath DESTINATION = destination();

    private static Path root() {
        try {
            Path dir = Files.createTempDirectory("kato-writer-fuzz");
            dir.toFile().deleteOnExit();
            return dir.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApprovedPath destination() {
        try {
            return ApprovedPaths.approve(
                    ROOT, ROOT.resolve("chat.md").toString(), ROOT.resolve("kato-home"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void requestFrames_decodeAndRoundTrip_orFailClosed(byte[] input) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(input);
        while (true) {
            Optional<Frame> frame;
            WriterRequest request;
            try {
                frame = WireFrames.read(in, WriterRequest.MAX_BODY);
                if (frame.isEmpty()) {
                    return;
                }
                request = WriterRequest.decode(frame.get());
            } catch (FrameException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
                return;
            }
            assertThat(request.encode()).isEqualTo(frame.get());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void workerLoop_servesOrFailsClosed_andTouchesOnlyItsDestination(FuzzedDataProvider data)
            throws IOException {
        Files.deleteIfExists(DESTINATION.target());
        if (data.consumeBoolean()) {
            Files.writeString(DESTINATION.target(), "existing\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            WriterWorker.serve(
                    DESTINATION, new ByteArrayInputStream(data.consumeRemainingAsBytes()), out);
        } catch (IOException e) {
            // fail closed: the frame was refused, the write in progress dropped
        }
        try (Stream<Path> files = Files.list(ROOT)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .isSubsetOf("chat.md"); // no temp file left, nothing else created
        }
        ByteArrayInputStream replies = new ByteArrayInputStream(out.toByteArray());
        Optional<Frame> reply;
        while ((reply = WireFrames.read(replies, WriterReply.MAX_BODY)).isPresent()) {
            WriterReply.decode(reply.get()); // the worker only ever sends valid replies
        }
    }

    @FuzzTest(maxDuration = "10s")
    void replyFrames_decodeOrFailClosed(byte[] input) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(input);
        try {
            Optional<Frame> frame;
            while ((frame = WireFrames.read(in, WriterReply.MAX_BODY)).isPresent()) {
                if (WriterReply.decode(frame.get()) instanceof WriterReply.Failed f) {
                    assertThat(f.code() + f.message()).matches("[\\x20-\\x7e]*");
                }
            }
        } catch (FrameException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }
}

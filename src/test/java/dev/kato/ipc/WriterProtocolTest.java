package dev.kato.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriterProtocolTest {
    @Test
    void everyRequestRoundTrips() throws FrameException {
        List<WriterRequest> all =
                List.of(
                        WriterRequest.Begin.of(WriterRequest.Kind.APPEND),
                        WriterRequest.Begin.of(WriterRequest.Kind.REPLACE),
                        new WriterRequest.Begin(
                                WriterRequest.Kind.REPLACE, 4096, Optional.of(new byte[] {1, 2})),
                        new WriterRequest.Begin(
                                WriterRequest.Kind.REPLACE, 10, Optional.of(new byte[0])),
                        new WriterRequest.Head(65536),
                        new WriterRequest.End(),
                        new WriterRequest.Abort(),
                        new WriterRequest.Truncate(123_456_789_012L),
                        new WriterRequest.Size(),
                        new WriterRequest.Exists());
        for (WriterRequest r : all) {
            assertThat(WriterRequest.decode(r.encode())).isEqualTo(r);
        }
        byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(WriterRequest.decode(new WriterRequest.Chunk(text).encode()))
                .isInstanceOfSatisfying(
                        WriterRequest.Chunk.class, c -> assertThat(c.bytes()).isEqualTo(text));
    }

    @Test
    void everyReplyRoundTrips() throws FrameException {
        for (int flags = 0; flags < 16; flags++) {
            WriterReply.Ready r =
                    new WriterReply.Ready(
                            (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0);
            assertThat(WriterReply.decode(r.encode())).isEqualTo(r);
        }
        WriterReply.Ready gaps = new WriterReply.Ready(true, false, true, true, "exec,tcp");
        assertThat(WriterReply.decode(gaps.encode())).isEqualTo(gaps);
        assertThat(WriterReply.decode(new WriterReply.Done(-1).encode()))
                .isEqualTo(new WriterReply.Done(-1));
        assertThat(WriterReply.decode(new WriterReply.Failed("io", "disk full").encode()))
                .isEqualTo(new WriterReply.Failed("io", "disk full"));
        assertThat(WriterReply.decode(new WriterReply.Head(new byte[] {1, 2}).encode()))
                .isInstanceOfSatisfying(
                        WriterReply.Head.class, h -> assertThat(h.bytes()).containsExactly(1, 2));
    }

    @Test
    void malformedRequests_failClosed() {
        List<Frame> bad =
                List.of(
                        new Frame((byte) 0, new byte[0]),
                        new Frame((byte) 99, new byte[0]),
                        new Frame(WriterRequest.BEGIN, new byte[5]),
                        new Frame(WriterRequest.BEGIN, new byte[] {7, 0, 0, 0, 0, 0}),
                        new Frame(WriterRequest.BEGIN, new byte[] {0, 0, 0, 0, 1, 0}),
                        new Frame(WriterRequest.BEGIN, new byte[] {0, 0, 0, 0, 0, 2}),
                        new Frame(WriterRequest.BEGIN, new byte[] {0, 0, 0, 0, 0, 0, 9}),
                        // a head check on an append, and one longer than its maxHead
                        new Frame(WriterRequest.BEGIN, new byte[] {0, 0, 0, 0, 1, 1, 9}),
                        new Frame(WriterRequest.BEGIN, new byte[] {1, 0, 0, 0, 1, 1, 9, 9}),
                        new Frame(WriterRequest.BEGIN, new byte[] {1, (byte) 0x80, 0, 0, 0, 1}),
                        new Frame(WriterRequest.HEAD, new byte[] {0, (byte) 0x80, 0, 1}),
                        new Frame(WriterRequest.HEAD, new byte[3]),
                        new Frame(WriterRequest.END, new byte[1]),
                        new Frame(WriterRequest.TRUNCATE, new byte[7]),
                        new Frame(WriterRequest.TRUNCATE, new byte[] {-1, 0, 0, 0, 0, 0, 0, 0}),
                        new Frame(WriterRequest.SIZE, new byte[] {0}),
                        new Frame(WriterRequest.CHUNK, new byte[WriterRequest.MAX_BODY + 1]));
        for (Frame f : bad) {
            assertThatThrownBy(() -> WriterRequest.decode(f))
                    .as(f.toString())
                    .isInstanceOf(FrameException.class);
        }
    }

    @Test
    void malformedReplies_failClosed() {
        List<Frame> bad =
                List.of(
                        new Frame(WriterReply.READY, new byte[] {16}),
                        new Frame(WriterReply.READY, new byte[0]),
                        new Frame(WriterReply.READY, new byte[] {3, 'e', (byte) 0xC3}),
                        new Frame(WriterReply.READY, new byte[] {3, 'e', '\n'}),
                        new Frame(WriterReply.DONE, new byte[4]),
                        new Frame(WriterReply.FAILED, "no newline".getBytes()),
                        new Frame(WriterReply.FAILED, "\nempty code".getBytes()),
                        new Frame(WriterReply.FAILED, "io\n\u001b[31m".getBytes()),
                        new Frame(WriterReply.FAILED, new byte[] {'i', 'o', '\n', (byte) 0xC3}),
                        new Frame(WriterRequest.CHUNK, new byte[0]));
        for (Frame f : bad) {
            assertThatThrownBy(() -> WriterReply.decode(f))
                    .as(f.toString())
                    .isInstanceOf(FrameException.class);
        }
    }

    @Test
    void sanitize_keepsPrintableAsciiOnly_andCuts() {
        assertThat(WriterReply.sanitize("a\u001b[2Jb\nc\u00e9", 100)).isEqualTo("a?[2Jb?c?");
        assertThat(WriterReply.sanitize("abcdef", 3)).isEqualTo("abc");
    }

    @Test
    void contentBearingMessages_showNoContent() {
        byte[] text = "private words".getBytes(StandardCharsets.UTF_8);
        assertThat(new WriterRequest.Chunk(text).toString()).doesNotContain("private");
        assertThat(
                        new WriterRequest.Begin(WriterRequest.Kind.REPLACE, 100, Optional.of(text))
                                .toString())
                .doesNotContain("private");
        assertThat(new WriterReply.Head(text).toString()).doesNotContain("private");
    }
}

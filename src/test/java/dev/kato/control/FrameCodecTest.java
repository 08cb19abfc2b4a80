package dev.kato.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    static DaemonStatus fullStatus() {
        return new DaemonStatus(
                42,
                T0,
                T0.plusSeconds(75),
                "/home/u/.kato",
                "/home/u/.kato/kato-config.yaml",
                "a".repeat(64),
                List.of(
                        new DaemonStatus.ProviderStatus(
                                "claude",
                                List.of(
                                        new DaemonStatus.RootStatus(
                                                "/home/u/.claude/projects", true))),
                        new DaemonStatus.ProviderStatus("gemini", List.of())),
                new DaemonStatus.Activity(
                        List.of(new DaemonStatus.RoleStatus("writer", "landlock")),
                        List.of(
                                new DaemonStatus.LayerStatus(
                                        "provider-worker", "enforced", "missing", "allowed: read")),
                        List.of(new DaemonStatus.SessionSummary("codex", "s-1", true, T0)),
                        List.of(new DaemonStatus.RecordingSummary("claude", "s-2", "/n/a.md", T0)),
                        List.of(
                                new DaemonStatus.CommandOutcome(
                                        T0, "claude", "s-2", "record", false, "path denied")),
                        List.of(new DaemonStatus.RecentError(T0, "ingest", "truncated file"))));
    }

    static byte[] frame(int magic, int version, byte[] body) {
        return ByteBuffer.allocate(6 + body.length)
                .put((byte) magic)
                .put((byte) version)
                .putInt(body.length)
                .put(body)
                .array();
    }

    static byte[] frame(String json) {
        return frame('K', 1, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void requests_roundTrip() throws Exception {
        for (ControlRequest r :
                List.of(
                        new ControlRequest.Ping(),
                        new ControlRequest.Stop(),
                        new ControlRequest.Status(true),
                        new ControlRequest.Status(false))) {
            assertThat(FrameCodec.decodeRequest(FrameCodec.encode(r))).isEqualTo(r);
            assertThat(FrameCodec.readRequest(new ByteArrayInputStream(FrameCodec.encode(r))))
                    .isEqualTo(r);
        }
    }

    @Test
    void replies_roundTrip() throws Exception {
        for (ControlReply r :
                List.of(
                        new ControlReply.Ack(7),
                        new ControlReply.Failure("peer-rejected", "no"),
                        new ControlReply.StatusReply(fullStatus()))) {
            assertThat(FrameCodec.decodeReply(FrameCodec.encode(r))).isEqualTo(r);
            assertThat(FrameCodec.readReply(new ByteArrayInputStream(FrameCodec.encode(r))))
                    .isEqualTo(r);
        }
    }

    @Test
    void encode_hasHeaderAndJsonBody() {
        byte[] f = FrameCodec.encode(new ControlRequest.Status(true));
        assertThat(f[0]).isEqualTo((byte) 'K');
        assertThat(f[1]).isEqualTo((byte) 1);
        assertThat(ByteBuffer.wrap(f, 2, 4).getInt()).isEqualTo(f.length - 6);
        assertThat(new String(f, 6, f.length - 6, StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"status\",\"all\":true}");
    }

    @Test
    void oversizeDeclaredLength_isRejectedBeforeReadingTheBody() {
        byte[] header =
                ByteBuffer.allocate(6)
                        .put((byte) 'K')
                        .put((byte) 1)
                        .putInt(FrameCodec.MAX_REQUEST_BYTES + 1)
                        .array();
        assertError(
                () -> FrameCodec.readRequest(new ByteArrayInputStream(header)),
                ProtocolError.OVERSIZE);
        byte[] negative = ByteBuffer.allocate(6).put((byte) 'K').put((byte) 1).putInt(-1).array();
        assertError(() -> FrameCodec.decodeReply(negative), ProtocolError.OVERSIZE);
    }

    @Test
    void oversizeReply_cannotBeEncoded() {
        String huge = "x".repeat(FrameCodec.MAX_REPLY_BYTES);
        DaemonStatus s = fullStatus();
        DaemonStatus big =
                new DaemonStatus(
                        s.pid(),
                        s.startedAt(),
                        s.observedAt(),
                        huge,
                        s.configPath(),
                        s.configSha256(),
                        s.providers(),
                        s.activity());
        assertThatThrownBy(() -> FrameCodec.encode(new ControlReply.StatusReply(big)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void unknownVersion_isRejected() {
        assertError(
                () ->
                        FrameCodec.decodeRequest(
                                frame(
                                        'K',
                                        2,
                                        "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8))),
                ProtocolError.UNSUPPORTED_VERSION);
    }

    @Test
    void badMagic_isRejected() {
        assertError(
                () ->
                        FrameCodec.readRequest(
                                new ByteArrayInputStream(
                                        "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII))),
                ProtocolError.BAD_MAGIC);
    }

    @Test
    void truncatedFrames_areRejected() {
        byte[] whole = FrameCodec.encode(new ControlRequest.Status(false));
        for (int cut = 0; cut < whole.length; cut++) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertError(() -> FrameCodec.decodeRequest(part), ProtocolError.TRUNCATED);
            assertError(
                    () -> FrameCodec.readRequest(new ByteArrayInputStream(part)),
                    ProtocolError.TRUNCATED);
        }
    }

    @Test
    void trailingBytes_areRejected() {
        byte[] whole = FrameCodec.encode(new ControlRequest.Ping());
        assertError(
                () -> FrameCodec.decodeRequest(Arrays.copyOf(whole, whole.length + 1)),
                ProtocolError.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "[]",
                "\"ping\"",
                "{\"type\":\"ping\"",
                "{\"type\":\"ping\",\"type\":\"stop\"}",
                "{\"type\":\"ping\",\"extra\":1}",
                "{\"type\":\"launch-missiles\"}",
                "{\"type\":\"status\"}",
                "{\"type\":\"status\",\"all\":\"yes\"}",
                "{\"type\":7}",
                "{\"type\":\"ping\"} {}",
                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
            })
    void malformedRequests_areRejected(String body) {
        assertError(() -> FrameCodec.decodeRequest(frame(body)), ProtocolError.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"ack\",\"pid\":0}",
                "{\"type\":\"ack\",\"pid\":1.5}",
                "{\"type\":\"ack\",\"pid\":99999999999999999999999}",
                "{\"type\":\"failure\",\"code\":\"Bad Code\",\"message\":\"m\"}",
                "{\"type\":\"status\",\"status\":{\"daemon\":{\"running\":false}}}",
                "{\"type\":\"status\",\"status\":{}}",
                "{\"type\":\"nope\"}"
            })
    void malformedReplies_areRejected(String body) {
        assertError(() -> FrameCodec.decodeReply(frame(body)), ProtocolError.MALFORMED);
    }

    @Test
    void invalidUtf8_isRejected() {
        byte[] body = {
            '{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
        };
        assertError(() -> FrameCodec.decodeRequest(frame('K', 1, body)), ProtocolError.MALFORMED);
    }

    @Test
    void errorMessages_neverQuoteTheFrame() {
        String secret = "{\"type\":\"ping\",\"prompt\":\"my secret prompt\"}";
        assertThatThrownBy(() -> FrameCodec.decodeRequest(frame(secret)))
                .isInstanceOf(ControlProtocolException.class)
                .message()
                .doesNotContain("secret");
    }

    /**
     * A deterministic mutation sweep next to the Jazzer test (whose regression run has no corpus).
     */
    @Test
    void mutatedFrames_failClosed() {
        List<byte[]> seeds =
                List.of(
                        FrameCodec.encode(new ControlRequest.Status(true)),
                        FrameCodec.encode(new ControlRequest.Ping()),
                        FrameCodec.encode(new ControlReply.StatusReply(fullStatus())),
                        FrameCodec.encode(new ControlReply.Failure("busy", "x")));
        java.util.Random random = new java.util.Random(20261123);
        for (int i = 0; i < 20_000; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            byte[] m = Arrays.copyOf(seed, Math.max(0, seed.length + random.nextInt(9) - 4));
            for (int flips = random.nextInt(4); flips > 0 && m.length > 0; flips--) {
                m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            }
            decodeOrProtocolError(() -> FrameCodec.decodeRequest(m));
            decodeOrProtocolError(() -> FrameCodec.decodeReply(m));
        }
    }

    private static void decodeOrProtocolError(ThrowingCall call) {
        try {
            call.run();
        } catch (ControlProtocolException e) {
            assertThat(e.error()).isNotNull();
        } catch (Exception e) {
            throw new AssertionError("escaped the decoder: " + e, e);
        }
    }

    static void assertError(ThrowingCall call, ProtocolError expected) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        ControlProtocolException.class,
                        e -> assertThat(e.error()).isEqualTo(expected));
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }
}

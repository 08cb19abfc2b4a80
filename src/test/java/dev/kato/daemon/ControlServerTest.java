package dev.kato.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.control.ControlPaths;
import dev.kato.control.ControlReply;
import dev.kato.control.ControlRequest;
import dev.kato.control.DaemonClient;
import dev.kato.control.FrameCodec;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket in-process: a real unix-domain socket, peer check, protocol errors. */
class ControlServerTest {
    @TempDir Path tmp;
    private ControlPaths paths;
    private final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
    private ControlServer server;

    @BeforeEach
    void setUp() {
        paths = new ControlPaths(tmp);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(400);

    private ControlServer start(UserPrincipal owner) throws Exception {
        server =
                ControlServer.start(
                        paths.socket(),
                        owner,
                        request ->
                                switch (request) {
                                    case ControlRequest.Ping() -> new ControlReply.Ack(4242);
                                    case ControlRequest.Stop() -> new ControlReply.Ack(4242);
                                    case ControlRequest.Status _ ->
                                            new ControlReply.Failure(
                                                    "unavailable", "no status here");
                                },
                        events::add,
                        SHORT_TIMEOUT);
        return server;
    }

    private DaemonClient client() {
        return new DaemonClient(paths, Duration.ofSeconds(3));
    }

    private UserPrincipal me() throws Exception {
        return Files.getOwner(tmp, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void sameUser_isServed_andSocketIsOwnerOnly() throws Exception {
        start(me());
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(
                                        paths.socket(), LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rw-------");
        assertThat(client().send(new ControlRequest.Ping()))
                .isEqualTo(new DaemonClient.Exchange.Replied(new ControlReply.Ack(4242)));
        assertThat(events).contains(new LifecycleEvent.RequestReceived("ping"));
    }

    /**
     * The peer-uid check through its seam: the server is told its owner is {@code nobody}, so this
     * test's own connection (another uid) must be refused. The real two-uid case, with the daemon
     * running as {@code nobody}, is {@link PeerCredentialsProcessTest}.
     */
    @Test
    void otherUser_isRejected_andLogged() throws Exception {
        UserPrincipal nobody =
                tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        org.junit.jupiter.api.Assumptions.assumeFalse(nobody.equals(me()));
        start(nobody);
        assertThat(client().send(new ControlRequest.Stop()))
                .isInstanceOfSatisfying(
                        DaemonClient.Exchange.Replied.class,
                        r ->
                                assertThat(r.reply())
                                        .isInstanceOfSatisfying(
                                                ControlReply.Failure.class,
                                                f ->
                                                        assertThat(f.code())
                                                                .isEqualTo("peer-rejected")));
        assertThat(events).containsExactly(new LifecycleEvent.PeerRejected(me().getName()));
    }

    @Test
    void garbage_getsAnErrorReply_andTheConnectionIsClosed() throws Exception {
        start(me());
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(paths.socket()));
            ch.write(ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            InputStream in = Channels.newInputStream(ch);
            assertThat(FrameCodec.readReply(in))
                    .isInstanceOfSatisfying(
                            ControlReply.Failure.class,
                            f -> assertThat(f.code()).isEqualTo("bad-magic"));
            assertThat(endOfStream(in)).isTrue(); // EOF, or a reset: the unread garbage is dropped
        }
        assertThat(events).containsExactly(new LifecycleEvent.ProtocolViolation("bad-magic"));
    }

    private static boolean endOfStream(InputStream in) {
        try {
            return in.read() == -1;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void unsupportedVersion_getsAnErrorReply() throws Exception {
        start(me());
        byte[] frame = FrameCodec.encode(new ControlRequest.Ping());
        frame[1] = 9;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(paths.socket()));
            ch.write(ByteBuffer.wrap(frame));
            assertThat(FrameCodec.readReply(Channels.newInputStream(ch)))
                    .isInstanceOfSatisfying(
                            ControlReply.Failure.class,
                            f -> assertThat(f.code()).isEqualTo("unsupported-version"));
        }
    }

    @Test
    void staleSocketFile_isReplaced_andCloseRemovesTheSocket() throws Exception {
        Files.writeString(paths.socket(), "left over");
        start(me());
        assertThat(client().send(new ControlRequest.Ping()))
                .isInstanceOf(DaemonClient.Exchange.Replied.class);
        server.close();
        server = null;
        assertThat(paths.socket()).doesNotExist();
        assertThat(client().send(new ControlRequest.Ping()))
                .isInstanceOf(DaemonClient.Exchange.NotListening.class);
    }

    @Test
    void silentClient_timesOutOnTheServerSide() throws Exception {
        start(me());
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(paths.socket()));
            long t0 = System.nanoTime();
            assertThat(Channels.newInputStream(ch).read()).isEqualTo(-1); // closed by the server
            assertThat(Duration.ofNanos(System.nanoTime() - t0))
                    .isBetween(SHORT_TIMEOUT.minusMillis(100), SHORT_TIMEOUT.plusSeconds(3));
        }
    }
}

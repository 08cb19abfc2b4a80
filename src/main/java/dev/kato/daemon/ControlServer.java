package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.control.ControlProtocolException;
import dev.kato.control.ControlReply;
import dev.kato.control.ControlRequest;
import dev.kato.control.FrameCodec;
import dev.kato.fs.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * The daemon's side of the control socket: a unix-domain {@link ServerSocketChannel} at {@code
 * runtime/control.sock} (mode {@code 0600} in a {@code 0700} directory; no TCP anywhere). Each
 * connection's peer credentials ({@code SO_PEERCRED}) must name the daemon's own user, or it gets a
 * {@code peer-rejected} failure and is closed. Each accepted connection runs on its own virtual
 * thread, at most {@value #MAX_CONNECTIONS} at once, and must complete one request/reply exchange
 * within {@link #EXCHANGE_TIMEOUT} (by default).
 */
final class ControlServer implements ResourceRegistry.Resource {
    static final int MAX_CONNECTIONS = 8;
    static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

    /** Answers one request; runs on a connection thread. */
    @FunctionalInterface
    interface Dispatcher {
        ControlReply handle(ControlRequest request);
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final UserPrincipal owner;
    private volatile @Nullable Dispatcher dispatcher;
    private final LifecycleSink events;
    private final ThreadFactory connectionThreads = DaemonThreads.virtual("kato-control-conn");
    private final Semaphore permits = new Semaphore(MAX_CONNECTIONS);
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Duration exchangeTimeout;
    private final Thread acceptor;
    private volatile boolean closing;

    private ControlServer(
            Path socket,
            ServerSocketChannel server,
            UserPrincipal owner,
            LifecycleSink events,
            Duration exchangeTimeout) {
        this.socket = socket;
        this.exchangeTimeout = exchangeTimeout;
        this.server = server;
        this.owner = owner;
        this.events = events;
        this.acceptor = DaemonThreads.platform("kato-control-accept").newThread(this::acceptLoop);
    }

    /**
     * Binds {@code socket} (replacing a stale socket file: the caller holds the daemon lock, so no
     * live daemon owns it), makes it {@code 0600} and starts accepting.
     *
     * @param owner the only user whose connections are served (the daemon's own user)
     */
    static ControlServer start(
            Path socket, UserPrincipal owner, Dispatcher dispatcher, LifecycleSink events)
            throws IOException {
        return start(socket, owner, dispatcher, events, EXCHANGE_TIMEOUT);
    }

    /** {@link #start(Path, UserPrincipal, Dispatcher, LifecycleSink)} with another timeout. */
    static ControlServer start(
            Path socket,
            UserPrincipal owner,
            Dispatcher dispatcher,
            LifecycleSink events,
            Duration exchangeTimeout)
            throws IOException {
        ControlServer s = bind(socket, owner, events, exchangeTimeout);
        s.accept(dispatcher);
        return s;
    }

    /**
     * Binds {@code socket} as {@link #start} does and makes it {@code 0600}, but does not accept
     * yet: the daemon confines itself in between (its seccomp filter denies {@code chmod}), and
     * reads no request before that.
     */
    static ControlServer bind(
            Path socket, UserPrincipal owner, LifecycleSink events, Duration exchangeTimeout)
            throws IOException {
        requireNonNull(owner, "owner");
        Files.deleteIfExists(socket); // never follows a symbolic link
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket), MAX_CONNECTIONS);
            Files.setPosixFilePermissions(socket, PrivateFiles.FILE);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(socket);
            throw e;
        }
        return new ControlServer(socket, server, owner, events, exchangeTimeout);
    }

    /** Starts accepting connections, each answered by {@code handler}; once. */
    void accept(Dispatcher handler) {
        this.dispatcher = requireNonNull(handler, "handler");
        acceptor.start();
    }

    private void acceptLoop() {
        while (!closing) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return; // close() was called
            } catch (IOException e) {
                continue; // e.g. the peer vanished between connect and accept
            }
            if (!permits.tryAcquire()) {
                refuse(channel, new ControlReply.Failure("busy", "too many control connections"));
                continue;
            }
            open.add(channel);
            Thread t =
                    connectionThreads.newThread(() -> {
                        try {
                            serve(channel);
                        } finally {
                            open.remove(channel);
                            permits.release();
                        }
                    });
            t.start();
        }
    }

    private void serve(SocketChannel channel) {
        Thread watchdog = watchdog(channel);
        try (channel) {
            OutputStream out = Channels.newOutputStream(channel);
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!owner.equals(peer.user())) {
                events.record(new LifecycleEvent.PeerRejected(peer.user().getName()));
                FrameCodec.write(
                        out,
                        FrameCodec.encode(
                                new ControlReply.Failure(
                                        "peer-rejected",
                                        "the daemon serves only the user that started it")));
                return;
            }
            InputStream in = Channels.newInputStream(channel);
            ControlRequest request;
            try {
                request = FrameCodec.readRequest(in);
            } catch (ControlProtocolException e) {
                events.record(new LifecycleEvent.ProtocolViolation(e.error().code()));
                FrameCodec.write(
                        out,
                        FrameCodec.encode(new ControlReply.Failure(e.error().code(), oneLine(e))));
                return;
            }
            events.record(new LifecycleEvent.RequestReceived(request.kind()));
            FrameCodec.write(out, FrameCodec.encode(requireNonNull(dispatcher).handle(request)));
        } catch (IOException e) {
            // the peer went away or timed out: nothing to answer
        } finally {
            watchdog.interrupt();
        }
    }

    private static String oneLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.length() > 200 ? m.substring(0, 200) : m;
    }

    private static void refuse(SocketChannel channel, ControlReply reply) {
        try (channel) {
            FrameCodec.write(Channels.newOutputStream(channel), FrameCodec.encode(reply));
        } catch (IOException e) {
            // best effort
        }
    }

    private Thread watchdog(SocketChannel channel) {
        return Thread.ofVirtual()
                .name("kato-control-timeout")
                .start(() -> {
                    try {
                        Thread.sleep(exchangeTimeout);
                        channel.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // finished in time
                    } catch (IOException e) {
                        // already closed
                    }
                });
    }

    /**
     * Stops accepting, lets in-flight exchanges finish (up to 2 s; a {@code Stop} reply is one of
     * them), closes what is left, and removes the socket file.
     */
    @Override
    public void close() throws IOException {
        closing = true;
        try {
            server.close();
            acceptor.join(DRAIN_TIMEOUT);
            if (permits.tryAcquire(
                    MAX_CONNECTIONS, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                permits.release(MAX_CONNECTIONS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (SocketChannel c : open) {
                c.close();
            }
            Files.deleteIfExists(socket);
        }
    }
}

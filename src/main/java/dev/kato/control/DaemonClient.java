package dev.kato.control;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Duration;

/**
 * The CLI's side of the control socket: connect to {@code runtime/control.sock} (a unix-domain
 * socket; there is no TCP), send one request, read one reply, close. The whole exchange must finish
 * within the timeout. Thread-safe; each call opens its own connection.
 */
public final class DaemonClient {
    private final ControlPaths paths;
    private final Duration timeout;

    public DaemonClient(ControlPaths paths, Duration timeout) {
        this.paths = requireNonNull(paths, "paths");
        this.timeout = requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** The result of one exchange. */
    public sealed interface Exchange {
        /** The daemon answered. */
        record Replied(ControlReply reply) implements Exchange {
            public Replied {
                requireNonNull(reply, "reply");
            }
        }

        /** Nothing listens on the socket (no socket file, or connection refused). */
        record NotListening(String reason) implements Exchange {
            public NotListening {
                requireNonNull(reason, "reason");
            }
        }
    }

    /**
     * Sends {@code request} and waits for the reply.
     *
     * @throws SocketTimeoutException when the daemon does not answer within the timeout
     * @throws ControlProtocolException when the reply is not a valid frame
     * @throws IOException when the connection breaks mid-exchange
     */
    public Exchange send(ControlRequest request) throws IOException {
        if (!Files.exists(paths.socket(), LinkOption.NOFOLLOW_LINKS)) {
            return new Exchange.NotListening("no control socket");
        }
        byte[] frame = FrameCodec.encode(request);
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            Thread watchdog = watchdog(channel);
            try {
                try {
                    channel.connect(UnixDomainSocketAddress.of(paths.socket()));
                } catch (ClosedChannelException e) {
                    throw timedOut();
                } catch (SocketException e) {
                    return new Exchange.NotListening(
                            "connection failed (" + e.getClass().getSimpleName() + ")");
                }
                OutputStream out = Channels.newOutputStream(channel);
                InputStream in = Channels.newInputStream(channel);
                try {
                    FrameCodec.write(out, frame);
                } catch (ClosedChannelException e) {
                    throw e;
                } catch (IOException e) {
                    // The daemon may answer and close before reading (a refused peer): its reply
                    // is still in the receive buffer, so read it; if there is none, report the
                    // broken write.
                    try {
                        return new Exchange.Replied(FrameCodec.readReply(in));
                    } catch (IOException unread) {
                        e.addSuppressed(unread);
                        throw e;
                    }
                }
                return new Exchange.Replied(FrameCodec.readReply(in));
            } catch (ClosedChannelException e) {
                throw timedOut();
            } finally {
                watchdog.interrupt();
            }
        }
    }

    private SocketTimeoutException timedOut() {
        return new SocketTimeoutException(
                "the daemon did not answer within " + timeout.toMillis() + " ms");
    }

    /** Closes the channel when the timeout passes, which ends any blocked connect/read/write. */
    private Thread watchdog(SocketChannel channel) {
        // A platform thread: a short-lived CLI would otherwise start the virtual-thread scheduler
        return Thread.ofPlatform()
                .daemon()
                .name("kato-control-client-timeout")
                .start(() -> {
                    try {
                        Thread.sleep(timeout);
                        channel.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // the exchange finished in time
                    } catch (IOException e) {
                        // closing failed: the exchange will still end when the peer does
                    }
                });
    }
}

package dev.kato.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throw-away world for live probes: a provider session root, a writer destination with a sibling,
 * an orchestrator home and config, a secret file outside every envelope, a listening pathname unix
 * socket outside every envelope and a listening TCP port on loopback. Everything lives in a fresh
 * temporary directory, deleted on {@link #close()}.
 */
public final class ProbeFixture implements AutoCloseable {
    private final Path dir;
    private final ServerSocketChannel tcp;
    private final ServerSocketChannel unix;

    private ProbeFixture(Path dir, ServerSocketChannel tcp, ServerSocketChannel unix) {
        this.dir = dir;
        this.tcp = tcp;
        this.unix = unix;
    }

    public static ProbeFixture create() throws IOException {
        Path dir = Files.createTempDirectory("kato-sandbox-probe").toRealPath();
        for (String d : new String[] {"root", "outside", "dest", "home"}) {
            Files.createDirectory(dir.resolve(d));
        }
        Files.writeString(dir.resolve("root/session.jsonl"), "{}\n");
        Files.writeString(dir.resolve("outside/secret.txt"), "not for workers\n");
        Files.writeString(dir.resolve("dest/out.md"), "# destination\n");
        Files.writeString(dir.resolve("dest/sibling.md"), "# another note\n");
        Files.writeString(dir.resolve("home/state.txt"), "state\n");
        Files.writeString(dir.resolve("config.yaml"), "sandbox:\n  mode: required\n");
        ServerSocketChannel tcp = ServerSocketChannel.open();
        tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        unix.bind(UnixDomainSocketAddress.of(dir.resolve("outside/ctl.sock")));
        return new ProbeFixture(dir, tcp, unix);
    }

    public Path sessionRoot() {
        return dir.resolve("root");
    }

    public Path sessionFile() {
        return dir.resolve("root/session.jsonl");
    }

    public Path secret() {
        return dir.resolve("outside/secret.txt");
    }

    public Path outsideWrite() {
        return dir.resolve("outside/new.txt");
    }

    public Path unixSocket() {
        return dir.resolve("outside/ctl.sock");
    }

    public Path destination() {
        return dir.resolve("dest/out.md");
    }

    public Path destinationSibling() {
        return dir.resolve("dest/sibling.md");
    }

    public Path katoHome() {
        return dir.resolve("home");
    }

    public Path configFile() {
        return dir.resolve("config.yaml");
    }

    /** {@code host:port} of the loopback TCP listener. */
    public String tcpAddress() {
        try {
            InetSocketAddress a = (InetSocketAddress) tcp.getLocalAddress();
            return a.getAddress().getHostAddress() + ":" + a.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        tcp.close();
        unix.close();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

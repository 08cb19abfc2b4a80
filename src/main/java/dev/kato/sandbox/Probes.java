package dev.kato.sandbox;

import dev.kato.sandbox.ProbeRecord.Attempt;
import dev.kato.sandbox.ProbeRecord.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The operations a probing worker attempts. Each returns what the kernel answered, as an errno name
 * where the JDK exposes one; file content is never read into the result.
 */
public final class Probes {
    private Probes() {}

    /** Runs probe {@code name} with its argument in {@code phase}. */
    public static Attempt run(String phase, String name, String arg, Set<String> allowedEnv) {
        try {
            return switch (name) {
                case "read-allowed", "read-forbidden" -> read(phase, name, Path.of(arg));
                case "write-allowed", "write-forbidden" -> write(phase, name, Path.of(arg));
                case "exec-allowed", "exec-forbidden" -> exec(phase, name, arg);
                case "tcp" -> tcp(phase, arg);
                case "unix" -> unix(phase, Path.of(arg));
                case "chmod" -> chmod(phase, Path.of(arg));
                case "env" -> env(phase, arg, allowedEnv);
                default -> new Attempt(phase, name, Outcome.FAILED, "unknown probe");
            };
        } catch (IOException | RuntimeException | LinkageError e) {
            return denialOrFailure(phase, name, e);
        }
    }

    private static Attempt read(String phase, String name, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new Attempt(phase, name, Outcome.ALLOWED, "read " + bytes.length + " bytes");
    }

    private static Attempt write(String phase, String name, Path file) throws IOException {
        Files.writeString(file, "kato sandbox probe\n", StandardCharsets.UTF_8);
        return new Attempt(phase, name, Outcome.ALLOWED, "wrote");
    }

    private static Attempt exec(String phase, String name, String program)
            throws IOException, RuntimeException {
        ProcessBuilder pb =
                program.endsWith("/java")
                        ? new ProcessBuilder(program, "-XX:-UsePerfData", "-version")
                        : new ProcessBuilder(program);
        pb.environment().clear();
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Attempt(phase, name, Outcome.FAILED, "timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(phase, name, Outcome.FAILED, "interrupted");
        }
        return new Attempt(phase, name, Outcome.ALLOWED, "exit " + p.exitValue());
    }

    private static Attempt tcp(String phase, String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        var address =
                new InetSocketAddress(
                        hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1)));
        try (SocketChannel ch = SocketChannel.open()) {
            ch.connect(address);
        }
        return new Attempt(phase, "tcp", Outcome.ALLOWED, "connected");
    }

    private static Attempt unix(String phase, Path socket) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
        }
        return new Attempt(phase, "unix", Outcome.ALLOWED, "connected");
    }

    private static Attempt chmod(String phase, Path file) throws IOException {
        // the file's current mode: the attempt changes nothing when it is allowed
        var mode = Files.getPosixFilePermissions(file);
        Files.setPosixFilePermissions(file, mode);
        return new Attempt(phase, "chmod", Outcome.ALLOWED, "mode set");
    }

    private static Attempt env(String phase, String canary, Set<String> allowed) {
        Map<String, String> env = System.getenv();
        if (env.containsKey(canary)) {
            return new Attempt(phase, "env", Outcome.ALLOWED, "inherited variable visible");
        }
        for (String name : env.keySet()) {
            if (!allowed.contains(name)) {
                return new Attempt(phase, "env", Outcome.ALLOWED, "unexpected variable present");
            }
        }
        return new Attempt(phase, "env", Outcome.DENIED, env.size() + " fixed variables only");
    }

    /** EACCES is Landlock's answer, EPERM seccomp's; anything else is a failed probe. */
    static Attempt denialOrFailure(String phase, String name, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof java.nio.file.AccessDeniedException
                    || m.contains("Permission denied")
                    || m.contains("error=13,")) {
                return new Attempt(phase, name, Outcome.DENIED, "EACCES");
            }
            if (m.contains("Operation not permitted") || m.contains("error=1,")) {
                return new Attempt(phase, name, Outcome.DENIED, "EPERM");
            }
        }
        return new Attempt(phase, name, Outcome.FAILED, e.getClass().getSimpleName());
    }
}

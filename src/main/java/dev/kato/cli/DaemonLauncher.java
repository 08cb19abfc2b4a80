package dev.kato.cli;

import dev.kato.config.Environment;
import dev.kato.control.Readiness;
import dev.kato.fs.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the daemon as a detached JVM: the same {@code java} and module path as this CLI, fixed
 * flags, a scrubbed environment, stdin from {@code /dev/null}, stderr appended to {@code
 * logs/daemon.out} ({@code 0600}), stdout a pipe that carries only the start-up handshake line.
 * Waits for that line at most {@link #READY_TIMEOUT}; a daemon that does not confirm in time is
 * killed, so no half-started daemon is left behind.
 */
final class DaemonLauncher {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    static final String MAIN = "dev.kato/dev.kato.daemon.DaemonMain";
    static final List<String> JVM_FLAGS =
            List.of(
                    "-XX:+UseSerialGC",
                    "-XX:-UsePerfData",
                    // start small: the heap can shrink back to this after the catch-up
                    "-Xms8m",
                    "-Xmx64m",
                    "-Xss512k",
                    // hand freed native memory (compiler arenas, I/O buffers) back to the OS
                    "-XX:TrimNativeHeapInterval=2000",
                    "-XX:+DisableAttachMechanism",
                    "-XX:-TieredCompilation",
                    // the destination writer reaches openat2 & co. through FFM
                    "--enable-native-access=dev.kato");

    /** Variables passed through from the CLI's environment when set; nothing else is. */
    static final List<String> PASSED_THROUGH = List.of("PATH", "LANG", "TZ");

    private static final int MAX_LINE = 1024;

    private DaemonLauncher() {}

    /** The child started, and the first line it wrote (or why there was none). */
    record Launch(Process process, Readiness readiness) {}

    static Launch launch(Environment env, Map<String, String> processEnv)
            throws IOException, InterruptedException {
        Path output = env.logsDir().resolve("daemon.out");
        PrivateFiles.createDirectories(env.logsDir());
        if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(output, PrivateFiles.fileAttribute());
        } else if (Files.isSymbolicLink(output)) {
            throw new UserError("refusing to start: " + output + " is a symbolic link");
        }
        Files.setPosixFilePermissions(output, PrivateFiles.FILE);
        long before = Files.size(output);

        ProcessBuilder pb = new ProcessBuilder(command()).directory(env.katoHome().toFile());
        Map<String, String> childEnv = pb.environment();
        childEnv.clear();
        childEnv.put(Environment.KATO_HOME, env.katoHome().toString());
        childEnv.put(Environment.KATO_CONFIG_PATH, env.configPath().toString());
        childEnv.put("HOME", env.home().toString());
        for (String name : PASSED_THROUGH) {
            String value = processEnv.get(name);
            if (value != null) {
                childEnv.put(name, value);
            }
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.appendTo(output.toFile()));
        Process process = pb.start();
        return new Launch(process, awaitHandshake(process, output, before));
    }

    private static List<String> command() {
        String java =
                ProcessHandle.current()
                        .info()
                        .command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath == null || modulePath.isBlank()) {
            throw new UserError("cannot start the daemon: kato is not running on a module path");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of("-p", modulePath, "-m", MAIN));
        return cmd;
    }

    private static Readiness awaitHandshake(Process process, Path output, long before)
            throws IOException, InterruptedException {
        InputStream stdout = process.getInputStream();
        CompletableFuture<String> line = new CompletableFuture<>();
        Thread.ofVirtual()
                .name("kato-start-handshake")
                .start(() -> {
                    try {
                        line.complete(readLine(stdout));
                    } catch (IOException e) {
                        line.complete("");
                    }
                });
        try {
            String first = line.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!first.isEmpty()) {
                return Readiness.parse(first);
            }
            boolean exited = process.waitFor(2, TimeUnit.SECONDS);
            String code = exited ? " (exit code " + process.exitValue() + ")" : "";
            return new Readiness.Failed(
                    "the daemon ended before it was up" + code + tail(output, before));
        } catch (TimeoutException e) {
            process.destroyForcibly();
            process.waitFor(2, TimeUnit.SECONDS);
            return new Readiness.Failed(
                    "the daemon did not confirm it was up within "
                            + READY_TIMEOUT.toSeconds()
                            + " s"
                            + tail(output, before));
        } catch (ExecutionException e) {
            throw new IllegalStateException("the handshake reader cannot fail", e);
        } finally {
            stdout.close();
        }
    }

    /** One line of at most {@value #MAX_LINE} bytes, without the newline; "" at end of input. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n' && bytes.size() < MAX_LINE) {
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The daemon's stderr since this start (e.g. a JVM error): its last line, shortened. */
    private static String tail(Path output, long before) {
        try (var ch = Files.newByteChannel(output, StandardOpenOption.READ)) {
            long size = ch.size();
            long from = Math.max(before, size - 4096);
            if (size <= from) {
                return "";
            }
            ch.position(from);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) (size - from));
            while (buffer.hasRemaining() && ch.read(buffer) > 0) {
                // fill
            }
            List<String> lines =
                    new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)
                            .lines()
                            .filter(l -> !l.isBlank())
                            .toList();
            if (lines.isEmpty()) {
                return "";
            }
            String last = lines.getLast().strip();
            return ": " + (last.length() > 200 ? last.substring(0, 200) + "…" : last);
        } catch (IOException e) {
            return "";
        }
    }
}

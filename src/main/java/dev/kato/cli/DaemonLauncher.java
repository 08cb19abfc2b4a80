package dev.kato.cli;

import dev.kato.config.ConfigLoader;
import dev.kato.config.ConfigResult;
import dev.kato.config.Environment;
import dev.kato.config.SandboxMode;
import dev.kato.control.Readiness;
import dev.kato.export.Configured;
import dev.kato.fs.PrivateFiles;
import dev.kato.sandbox.ConfinedLauncher;
import dev.kato.sandbox.Envelope;
import dev.kato.sandbox.Landlock;
import dev.kato.sandbox.WorkerCommand;
import dev.kato.sandbox.WorkerMain;
import dev.kato.sandbox.WorkerRuntime;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the daemon as a detached JVM (this CLI process is the short-lived launcher of {@code
 * security.md} §5): the same {@code java} and module path as this CLI, fixed flags, confined by the
 * trampoline to the orchestrator's envelope unless {@code sandbox.mode} is {@code off}, a scrubbed
 * environment, stdin from {@code /dev/null}, stderr appended to {@code logs/daemon.out} ({@code
 * 0600}), stdout a pipe that carries only the start-up handshake line. Waits for that line at most
 * {@link #READY_TIMEOUT}; a daemon that does not confirm in time is killed, so no half-started
 * daemon is left behind.
 */
final class DaemonLauncher {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    static final String MAIN = "dev.kato/dev.kato.daemon.DaemonMain";

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

        Map<String, String> childEnv = new HashMap<>();
        childEnv.put(Environment.KATO_HOME, env.katoHome().toString());
        childEnv.put(Environment.KATO_CONFIG_PATH, env.configPath().toString());
        childEnv.put("HOME", env.home().toString());
        for (String name : PASSED_THROUGH) {
            String value = processEnv.get(name);
            if (value != null) {
                childEnv.put(name, value);
            }
        }
        ProcessBuilder pb = builder(env, childEnv);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.appendTo(output.toFile()));
        Process process = pb.start();
        Readiness readiness = awaitHandshake(process, output, before);
        if (readiness instanceof Readiness.Failed) {
            // A daemon that refused exits by itself; one that wrote something unexpected may be
            // running: a start that reports failure must not leave a daemon behind.
            end(process);
        }
        return new Launch(process, readiness);
    }

    /** Waits briefly for {@code process} to exit, then ends it: SIGTERM first, then SIGKILL. */
    static void end(Process process) throws InterruptedException {
        if (process.waitFor(2, TimeUnit.SECONDS)) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /**
     * The daemon's process: with {@code sandbox.mode} {@code required} or {@code best-effort}, the
     * orchestrator confined from its first instruction by the trampoline (Landlock on the envelope
     * computed here from the config) and told the config's SHA-256, so that it refuses a config
     * that changed since; with {@code off}, or a config that does not load (the daemon then says
     * why), the plain daemon.
     */
    private static ProcessBuilder builder(Environment env, Map<String, String> childEnv)
            throws IOException {
        if (ConfigLoader.load(env.configPath(), env) instanceof ConfigResult.Loaded loaded
                && loaded.config().sandbox().mode() != SandboxMode.OFF) {
            Envelope.Orchestrator envelope = Configured.orchestrator(loaded.config(), env);
            // the workers' AOT cache: its classes are mapped instead of parsed (~5 MB less PSS)
            WorkerRuntime runtime = WorkerRuntime.forWorkers();
            List<String> args = List.of(loaded.sha256());
            // Without Landlock on this platform the daemon still confines itself with seccomp
            // and probes; under sandbox.mode required it then refuses to run.
            return Landlock.isSupportedPlatform()
                    ? ConfinedLauncher.confined(
                            envelope, runtime, WorkerMain.DAEMON, args, childEnv)
                    : ConfinedLauncher.unconfined(
                            envelope, runtime, WorkerMain.DAEMON, args, childEnv);
        }
        ProcessBuilder pb = new ProcessBuilder(plainCommand()).directory(env.katoHome().toFile());
        pb.environment().clear();
        pb.environment().putAll(childEnv);
        return pb;
    }

    private static List<String> plainCommand() {
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
        cmd.addAll(WorkerCommand.DAEMON_JVM_FLAGS);
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

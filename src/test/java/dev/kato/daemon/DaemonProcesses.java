package dev.kato.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Finds Kato daemon processes of one {@code KATO_HOME} through {@code /proc} (command line and
 * environment), so tests can count them, wait for them to be gone, and kill leftovers.
 */
public final class DaemonProcesses {
    private DaemonProcesses() {}

    /** Live (not zombie) daemon processes whose environment has {@code KATO_HOME=katoHome}. */
    public static List<ProcessHandle> forHome(Path katoHome) {
        String wanted = "KATO_HOME=" + katoHome;
        return ProcessHandle.allProcesses()
                .filter(p -> !gone(p.pid()))
                .filter(p -> read(p.pid(), "cmdline").contains("dev.kato.daemon.DaemonMain"))
                .filter(p -> Arrays.asList(read(p.pid(), "environ").split("\0")).contains(wanted))
                .toList();
    }

    /** True when the process no longer exists or is a zombie waiting to be reaped. */
    public static boolean gone(long pid) {
        String stat = read(pid, "stat");
        if (stat.isEmpty()) {
            return true;
        }
        int afterName = stat.lastIndexOf(')');
        char state = stat.charAt(afterName + 2);
        return state == 'Z' || state == 'X';
    }

    public static boolean awaitGone(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!gone(pid)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Kills every daemon of {@code katoHome} (test clean-up) and waits for them to be gone. */
    public static void killAll(Path katoHome) throws InterruptedException {
        for (ProcessHandle p : forHome(katoHome)) {
            p.destroyForcibly();
            awaitGone(p.pid(), Duration.ofSeconds(5));
        }
    }

    /** The live child processes of {@code daemon} whose command line names {@code mainClass}. */
    public static List<ProcessHandle> workers(long daemon, String mainClass) {
        return ProcessHandle.of(daemon).stream()
                .flatMap(ProcessHandle::children)
                .filter(p -> !gone(p.pid()))
                .filter(p -> read(p.pid(), "cmdline").contains(mainClass))
                .toList();
    }

    /** Waits up to 20 s until {@code daemon} has exactly {@code count} such workers. */
    public static List<ProcessHandle> awaitWorkers(long daemon, String mainClass, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<ProcessHandle> found = workers(daemon, mainClass);
        while (found.size() != count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            found = workers(daemon, mainClass);
        }
        if (found.size() != count) {
            throw new AssertionError(
                    "expected " + count + " " + mainClass + " processes, found " + found.size());
        }
        return found;
    }

    /** A file of {@code /proc/<pid>/}, empty when the process is gone. */
    public static String proc(long pid, String file) {
        return read(pid, file);
    }

    /** The security audit log's records of {@code type}. */
    public static List<String> audit(Path katoHome, String type) throws IOException {
        return Files.readAllLines(katoHome.resolve("logs/security-audit.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"" + type + "\""))
                .toList();
    }

    private static String read(long pid, String file) {
        try {
            return new String(
                    Files.readAllBytes(Path.of("/proc", Long.toString(pid), file)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits up to 20 s until {@code file} exists and its text passes {@code done}; returns it. */
    public static String awaitFile(Path file, java.util.function.Predicate<String> done)
            throws java.io.IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (java.nio.file.Files.exists(file)) {
                String text = java.nio.file.Files.readString(file);
                if (done.test(text)) {
                    return text;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(
                "timed out waiting for "
                        + file.getFileName()
                        + (java.nio.file.Files.exists(file)
                                ? ": " + java.nio.file.Files.readString(file).length() + " chars"
                                : " to exist"));
    }
}

package dev.kato.ipc;

import dev.kato.sandbox.WorkerDiagnostics;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A started worker process and its own last word: the first line it wrote to stderr (read by a
 * platform thread, at most {@value #MAX_DIAGNOSTIC} characters). Ending it closes its input, so it
 * ends, and kills it if it has not within 5 s.
 */
final class WorkerChild {
    private static final int MAX_DIAGNOSTIC = 200;

    private final Process process;
    private final CompletableFuture<String> diagnostic = new CompletableFuture<>();

    private WorkerChild(Process process, String name) {
        this.process = process;
        // A platform thread: a blocking pipe read holds a virtual thread's carrier, and once the
        // pool has retired the carriers it added for that, a few such readers starve every other
        // virtual thread of the daemon (its control connections among them).
        Thread.ofPlatform()
                .daemon()
                .name(name + "-stderr")
                .start(() ->
                        diagnostic.complete(
                                WorkerDiagnostics.firstOwnLine(
                                        process.getErrorStream(), MAX_DIAGNOSTIC)));
    }

    static WorkerChild start(ProcessBuilder builder, String name) throws IOException {
        return new WorkerChild(builder.start(), name);
    }

    Process process() {
        return process;
    }

    /** Why it did not start: its exit code (or none yet) and its own diagnostic line. */
    String startFailure() {
        return "(exit code " + (process.isAlive() ? "none" : process.exitValue()) + ")" + said();
    }

    /**
     * Its exit code once it has ended (waiting up to {@code waitMillis} for that), and its own last
     * word if it left one.
     */
    String endReport(long waitMillis) {
        try {
            process.waitFor(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (process.isAlive() ? "running" : "exit code " + process.exitValue()) + said();
    }

    /** Closes its input and waits for it to end, killing it after 5 s. */
    void end() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** As {@link #end()}, on its own thread, so the caller goes on at once. */
    void endInBackground(String name) {
        Thread.ofPlatform().daemon().name(name + "-end").start(this::end);
    }

    private String said() {
        try {
            String line = diagnostic.get(2, TimeUnit.SECONDS);
            return line.isEmpty() ? "" : ": " + line;
        } catch (Exception e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "WorkerChild[pid=" + process.pid() + "]";
    }
}

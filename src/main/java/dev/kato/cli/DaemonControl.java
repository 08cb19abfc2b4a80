package dev.kato.cli;

import dev.kato.control.ControlPaths;
import dev.kato.control.ControlReply;
import dev.kato.control.ControlRequest;
import dev.kato.control.DaemonClient;
import dev.kato.control.RuntimeLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The CLI's view of the daemon: find out whether it runs (a ping over the control socket, then the
 * lock), ask it to stop and wait until it has exited, and clean up what a crashed daemon left.
 */
final class DaemonControl {
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(50);

    private final ControlPaths paths;
    private final DaemonClient client;

    DaemonControl(ControlPaths paths) {
        this.paths = paths;
        this.client = new DaemonClient(paths, REQUEST_TIMEOUT);
    }

    ControlPaths paths() {
        return paths;
    }

    DaemonClient client() {
        return client;
    }

    /** Pings the daemon; when nothing answers, the lock tells "not running" from "unresponsive". */
    DaemonState probe() throws IOException {
        if (!Files.isDirectory(paths.runtimeDir(), LinkOption.NOFOLLOW_LINKS)) {
            return new DaemonState.NotRunning(OptionalLong.empty(), false);
        }
        String reason;
        try {
            switch (client.send(new ControlRequest.Ping())) {
                case DaemonClient.Exchange.Replied(ControlReply.Ack(long pid)) -> {
                    return new DaemonState.Running(pid);
                }
                case DaemonClient.Exchange.Replied(ControlReply.Failure f) ->
                        reason = "it refused the request (" + f.code() + ": " + f.message() + ")";
                case DaemonClient.Exchange.Replied(ControlReply.StatusReply _) ->
                        reason = "it gave an unexpected reply";
                case DaemonClient.Exchange.NotListening(String why) -> reason = why;
            }
        } catch (IOException e) {
            reason = "the control socket failed (" + e.getMessage() + ")";
        }
        OptionalLong pid = paths.tryReadPid();
        if (RuntimeLock.isHeld(paths.lock())) {
            return new DaemonState.Unresponsive(pid, reason);
        }
        return new DaemonState.NotRunning(
                pid, Files.exists(paths.socket(), LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Waits up to {@code timeout} for a daemon that holds the lock to answer pings (it may be
     * starting up); returns the last state seen.
     */
    DaemonState probeUntilSettled(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        DaemonState state = probe();
        while (state instanceof DaemonState.Unresponsive && System.nanoTime() - deadline < 0) {
            Thread.sleep(POLL);
            state = probe();
        }
        return state;
    }

    /** Asks a running daemon to stop and waits until its lock is free and its process is gone. */
    ExitCode stop(long pid, PrintWriter out) throws IOException, InterruptedException {
        switch (client.send(new ControlRequest.Stop())) {
            case DaemonClient.Exchange.Replied(ControlReply.Ack _) -> {}
            case DaemonClient.Exchange.Replied(ControlReply.Failure f) ->
                    throw new UserError(
                            "the daemon (pid " + pid + ") refused to stop: " + f.message());
            case DaemonClient.Exchange.Replied(ControlReply.StatusReply _) ->
                    throw new UserError("the daemon (pid " + pid + ") gave an unexpected reply");
            case DaemonClient.Exchange.NotListening _ -> {} // it stopped in between
        }
        if (!awaitExit(pid, STOP_TIMEOUT)) {
            throw new UserError(
                    "the daemon (pid "
                            + pid
                            + ") did not exit within "
                            + STOP_TIMEOUT.toSeconds()
                            + " s; check "
                            + paths.runtimeDir().resolveSibling("logs"));
        }
        out.println("stopped (pid " + pid + ")");
        return ExitCode.OK;
    }

    /** True once the lock is free and process {@code pid} has exited, within {@code timeout}. */
    boolean awaitExit(long pid, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!RuntimeLock.isHeld(paths.lock()) && hasExited(pid)) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL);
        }
    }

    /**
     * True when process {@code pid} is gone or has exited and waits to be reaped (a zombie: where
     * the adopting init process reaps slowly, {@link ProcessHandle#isAlive} still says true).
     */
    static boolean hasExited(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            char state =
                    afterName >= 0 && afterName + 2 < stat.length()
                            ? stat.charAt(afterName + 2)
                            : '?';
            return state == 'Z' || state == 'X';
        } catch (IOException e) {
            return true; // no /proc entry: gone (isAlive raced with the exit)
        }
    }

    /**
     * Removes the pid file, socket and status snapshot of a crashed daemon, holding the lock while
     * doing so (so a daemon starting at the same moment is never robbed of its files). Returns
     * false when a daemon took the lock first.
     */
    boolean cleanUpStale() throws IOException {
        Optional<RuntimeLock> lock = RuntimeLock.tryAcquire(paths.lock());
        if (lock.isEmpty()) {
            return false;
        }
        try (RuntimeLock _ = lock.get()) {
            Files.deleteIfExists(paths.socket());
            Files.deleteIfExists(paths.pidFile());
            Files.deleteIfExists(paths.statusSnapshot());
            return true;
        }
    }

    static String describeStale(DaemonState.NotRunning state) {
        StringBuilder sb = new StringBuilder();
        if (state.stalePid().isPresent()) {
            sb.append("a pid file of pid ").append(state.stalePid().getAsLong());
        }
        if (state.staleSocket()) {
            sb.append(sb.isEmpty() ? "" : " and ").append("a control socket");
        }
        return sb.append(" left by a daemon that is gone").toString();
    }
}

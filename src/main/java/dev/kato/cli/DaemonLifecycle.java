package dev.kato.cli;

import dev.kato.config.ConfigInit;
import dev.kato.config.ConfigLoader;
import dev.kato.config.ConfigResult;
import dev.kato.config.Environment;
import dev.kato.control.ControlPaths;
import dev.kato.control.Readiness;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** The flows behind {@code kato start}, {@code stop} and {@code restart}. */
final class DaemonLifecycle {
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final CliContext context;
    private final PrintWriter out;
    private final PrintWriter err;

    DaemonLifecycle(CliContext context, PrintWriter out, PrintWriter err) {
        this.context = context;
        this.out = out;
        this.err = err;
    }

    static DaemonControl control(Environment env) {
        ControlPaths paths = new ControlPaths(env.runtimeDir());
        paths.trySocketPathProblem()
                .ifPresent(problem -> {
                    throw new UserError(problem);
                });
        return new DaemonControl(paths);
    }

    /**
     * Validates the config (creating a missing one unless {@code KATO_AUTO_INIT_ON_START=false}),
     * then starts the daemon unless one runs, and returns once it confirmed it is up.
     */
    ExitCode start() throws IOException, InterruptedException {
        Environment env = context.environment();
        ensureConfig(env);
        DaemonControl control = control(env);
        switch (control.probeUntilSettled(SETTLE)) {
            case DaemonState.Running(long pid) -> {
                out.println("already running (pid " + pid + ")");
                return ExitCode.OK;
            }
            case DaemonState.Unresponsive(OptionalLong pid, String reason) ->
                    throw unresponsive(pid, reason);
            case DaemonState.NotRunning _ -> {}
        }
        DaemonLauncher.Launch launch = DaemonLauncher.launch(env, System.getenv());
        return switch (launch.readiness()) {
            case Readiness.Ready(long pid) -> {
                out.println("started (pid " + pid + ")");
                yield ExitCode.OK;
            }
            case Readiness.AlreadyRunning _ -> alreadyRunningAfterRace(control);
            case Readiness.Failed(String reason) ->
                    throw new UserError("the daemon did not start: " + reason);
        };
    }

    /** Another start won the lock a moment ago: wait until its daemon answers, and say so. */
    private ExitCode alreadyRunningAfterRace(DaemonControl control)
            throws IOException, InterruptedException {
        DaemonState state = control.probeUntilSettled(DaemonLauncher.READY_TIMEOUT);
        return switch (state) {
            case DaemonState.Running(long pid) -> {
                out.println("already running (pid " + pid + ")");
                yield ExitCode.OK;
            }
            case DaemonState.Unresponsive(OptionalLong pid, String reason) ->
                    throw unresponsive(pid, reason);
            case DaemonState.NotRunning _ ->
                    throw new UserError(
                            "another daemon held the lock but exited before it was up; run"
                                    + " 'kato start' again");
        };
    }

    /** Stops a running daemon, or cleans up after a crashed one; "not running" is not an error. */
    ExitCode stop() throws IOException, InterruptedException {
        DaemonControl control = control(context.environment());
        return switch (control.probeUntilSettled(SETTLE)) {
            case DaemonState.Running(long pid) -> control.stop(pid, out);
            case DaemonState.NotRunning notRunning -> {
                if (notRunning.stale() && control.cleanUpStale()) {
                    out.println("not running; removed " + DaemonControl.describeStale(notRunning));
                } else {
                    out.println("not running");
                }
                yield ExitCode.OK;
            }
            case DaemonState.Unresponsive(OptionalLong pid, String reason) ->
                    throw unresponsive(pid, reason);
        };
    }

    /** Validates the config before stopping anything (a bad config must not stop a daemon). */
    ExitCode restart() throws IOException, InterruptedException {
        ensureConfig(context.environment());
        ExitCode stopped = stop();
        return stopped == ExitCode.OK ? start() : stopped;
    }

    private void ensureConfig(Environment env) throws IOException {
        if (ConfigLoader.load(env.configPath(), env) instanceof ConfigResult.Missing) {
            if (!env.autoInitOnStart()) {
                throw new UserError(
                        "no config at "
                                + env.configPath()
                                + " and "
                                + Environment.KATO_AUTO_INIT_ON_START
                                + "=false; create one with 'kato init'");
            }
            switch (ConfigInit.createIfMissing(env, List.of())) {
                case ConfigInit.Outcome.Created c ->
                        err.println("kato: created the config " + c.configPath());
                case ConfigInit.Outcome.AlreadyExists _ -> {}
                case ConfigInit.Outcome.Rejected r ->
                        throw new UserError(
                                "cannot create the config:\n" + CliContext.render(r.problems()));
            }
        }
        context.config(); // a bad config never starts a daemon: this throws naming every problem
    }

    static UserError unresponsive(OptionalLong pid, String reason) {
        String who = pid.isPresent() ? "a daemon (pid " + pid.getAsLong() + ")" : "a daemon";
        return new UserError(
                who
                        + " holds the lock of this KATO_HOME but does not answer ("
                        + reason
                        + "); if it is hung, end it"
                        + (pid.isPresent() ? " with 'kill " + pid.getAsLong() + "'" : ""));
    }
}

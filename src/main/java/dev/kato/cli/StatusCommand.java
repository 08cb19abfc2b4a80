package dev.kato.cli;

import dev.kato.control.ControlReply;
import dev.kato.control.ControlRequest;
import dev.kato.control.DaemonClient;
import dev.kato.control.StatusJson;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kato status}: the daemon's state, providers, sessions, recordings, recent command outcomes
 * and errors. Exit code 0 whether or not the daemon runs (the answer is in the output; {@code
 * --json} has {@code daemon.running}); 1 only when a daemon holds the lock but does not answer.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show whether the daemon runs, its providers, sessions, recordings, recent in-chat"
                    + " command outcomes and errors.",
            "Exits 0 when the daemon runs and when it does not; 1 when it does not answer."
        })
final class StatusCommand implements Callable<Integer>, CommandFactory.ContextAware {
    private static final Duration LIVE_INTERVAL = Duration.ofSeconds(1);

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--all", description = "Include stale sessions.")
    boolean all;

    @Option(
            names = "--live",
            description =
                    "Redraw every second until 'q' (then Enter) or Ctrl-C; on a non-terminal,"
                            + " print once.")
    boolean live;

    @Spec CommandSpec spec;
    private CliContext context;

    @Override
    public void setContext(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        DaemonControl control = DaemonLifecycle.control(context.environment());
        Console console = System.console();
        if (!live) {
            out.print(render(control));
            out.flush();
            return ExitCode.OK.code();
        }
        if (console == null || !console.isTerminal()) {
            out.print(render(control));
            out.flush();
            spec.commandLine()
                    .getErr()
                    .println("kato: --live needs a terminal; printed the status once");
            return ExitCode.OK.code();
        }
        return liveLoop(control, out, System.in);
    }

    private int liveLoop(DaemonControl control, PrintWriter out, InputStream in)
            throws IOException, InterruptedException {
        while (true) {
            String frame;
            try {
                frame = render(control);
            } catch (UserError e) {
                frame = "kato: " + e.getMessage() + "\n";
            }
            out.print("\u001b[H\u001b[2J" + frame + "\n(q then Enter to quit, or Ctrl-C)\n");
            out.flush();
            long deadline = System.nanoTime() + LIVE_INTERVAL.toNanos();
            while (System.nanoTime() - deadline < 0) {
                while (in.available() > 0) {
                    int c = in.read();
                    if (c == 'q' || c == 'Q' || c == -1) {
                        return ExitCode.OK.code();
                    }
                }
                Thread.sleep(50);
            }
        }
    }

    /** One rendering of the status, text or JSON, ending with a newline. */
    private String render(DaemonControl control) throws IOException, InterruptedException {
        DaemonState state = control.probe();
        if (state instanceof DaemonState.Unresponsive) {
            state = control.probeUntilSettled(Duration.ofSeconds(2));
        }
        return switch (state) {
            case DaemonState.Running(long pid) -> running(control, pid);
            case DaemonState.NotRunning notRunning -> notRunning(notRunning);
            case DaemonState.Unresponsive(OptionalLong pid, String reason) ->
                    throw DaemonLifecycle.unresponsive(pid, reason);
        };
    }

    private String running(DaemonControl control, long pid) throws IOException {
        return switch (control.client().send(new ControlRequest.Status(all))) {
            case DaemonClient.Exchange.Replied(ControlReply.StatusReply(var status)) ->
                    json ? StatusJson.toText(status) + "\n" : StatusView.text(status, all);
            case DaemonClient.Exchange.Replied(ControlReply.Failure f) ->
                    throw new UserError(
                            "the daemon (pid "
                                    + pid
                                    + ") refused the status request: "
                                    + f.message());
            case DaemonClient.Exchange.Replied(ControlReply.Ack _) ->
                    throw new UserError("the daemon (pid " + pid + ") gave an unexpected reply");
            case DaemonClient.Exchange.NotListening _ ->
                    notRunning(new DaemonState.NotRunning(OptionalLong.empty(), false));
        };
    }

    private String notRunning(DaemonState.NotRunning state) {
        if (json) {
            if (!state.stale()) {
                return StatusJson.NOT_RUNNING + "\n";
            }
            return "{\"daemon\":{\"running\":false,\"stale\":true"
                    + (state.stalePid().isPresent()
                            ? ",\"stalePid\":" + state.stalePid().getAsLong()
                            : "")
                    + "}}\n";
        }
        if (!state.stale()) {
            return "daemon: not running\n";
        }
        return "daemon: not running (stale: "
                + DaemonControl.describeStale(state)
                + "; 'kato stop' or 'kato start' cleans it up)\n";
    }
}

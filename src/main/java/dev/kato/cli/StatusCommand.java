package dev.kato.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
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

    private String render(DaemonControl control) throws IOException, InterruptedException {
        return new StatusReport(control, json, all).render();
    }
}

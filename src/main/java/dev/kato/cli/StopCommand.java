package dev.kato.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kato stop}: stop the daemon and wait until it has exited. */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        description = {
            "Stop the daemon and wait until it has exited (at most 10 s).",
            "Cleans up a pid file or socket left behind by a daemon that crashed."
        })
final class StopCommand implements Callable<Integer>, CommandFactory.ContextAware {
    @Spec CommandSpec spec;
    private CliContext context;

    @Override
    public void setContext(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        return new DaemonLifecycle(
                        context, spec.commandLine().getOut(), spec.commandLine().getErr())
                .stop()
                .code();
    }
}

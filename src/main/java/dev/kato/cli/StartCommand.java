package dev.kato.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kato start}: validate the config, start the daemon, return once it is up. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = {
            "Start the daemon in the background; returns once it is up (at most 10 s).",
            "Validates the config first and creates a missing one (unless"
                    + " KATO_AUTO_INIT_ON_START=false). Does nothing if the daemon already runs."
        })
final class StartCommand implements Callable<Integer>, CommandFactory.ContextAware {
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
                .start()
                .code();
    }
}

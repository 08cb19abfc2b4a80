package dev.kato.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kato restart}: stop if running, then start. */
@Command(
        name = "restart",
        mixinStandardHelpOptions = true,
        description =
                "Validate the config, stop the daemon if it runs, then start it (picking up config"
                        + " changes).")
final class RestartCommand implements Callable<Integer>, CommandFactory.ContextAware {
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
                .restart()
                .code();
    }
}

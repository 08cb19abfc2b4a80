package dev.kato.cli;

import dev.kato.config.ConfigInit;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kato init}: creates the config file if there is none; never overwrites. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description =
                "Create the config file if it is missing (never overwrites) and print its path.")
final class InitCommand implements Callable<Integer>, CommandFactory.ContextAware {
    @Option(
            names = "--allow-write-root",
            paramLabel = "DIR",
            description = "Also allow writing under DIR (absolute; repeatable).")
    List<String> allowWriteRoots = new ArrayList<>();

    @Spec CommandSpec spec;
    private CliContext context;

    @Override
    public void setContext(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        return switch (ConfigInit.createIfMissing(context.environment(), allowWriteRoots)) {
            case ConfigInit.Outcome.Created c -> {
                out.println(c.configPath());
                yield ExitCode.OK.code();
            }
            case ConfigInit.Outcome.AlreadyExists e -> {
                out.println(e.configPath());
                spec.commandLine()
                        .getErr()
                        .println(
                                "kato: the config already exists and was not changed"
                                        + (allowWriteRoots.isEmpty()
                                                ? ""
                                                : "; add write roots by editing it"));
                yield allowWriteRoots.isEmpty() ? ExitCode.OK.code() : ExitCode.FAILURE.code();
            }
            case ConfigInit.Outcome.Rejected r ->
                    throw new UserError(
                            "cannot create the config:\n" + CliContext.render(r.problems()));
        };
    }
}

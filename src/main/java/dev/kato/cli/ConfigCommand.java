package dev.kato.cli;

import dev.kato.config.ConfigLoader;
import dev.kato.config.ConfigProblem;
import dev.kato.config.ConfigResult;
import dev.kato.config.ConfigWriter;
import dev.kato.config.Environment;
import dev.kato.config.KatoConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kato config validate|show}. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Check or show the configuration.",
        subcommands = {ConfigCommand.Validate.class, ConfigCommand.Show.class})
final class ConfigCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "missing subcommand: validate or show");
    }

    /** {@code kato config validate [FILE]}: every problem with its key and line; exit 1 on any. */
    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description =
                    "Check a config file (default: the active one); exit 1 listing every problem.")
    static final class Validate implements Callable<Integer>, CommandFactory.ContextAware {
        @Parameters(
                index = "0",
                arity = "0..1",
                paramLabel = "FILE",
                description = "The file to check.")
        String file;

        @Spec CommandSpec spec;
        private CliContext context;

        @Override
        public void setContext(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            Environment env = context.environment();
            Path path = file == null ? env.configPath() : context.workingDirectory().resolve(file);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            switch (ConfigLoader.load(path, env)) {
                case ConfigResult.Loaded loaded -> {
                    for (ConfigProblem notice : loaded.notices()) {
                        err.println("kato: note: " + notice.render());
                    }
                    out.println(path + ": valid (sha256 " + loaded.sha256() + ")");
                    return ExitCode.OK.code();
                }
                case ConfigResult.Missing m ->
                        throw new UserError(
                                "no config file at " + m.path() + "; create one with 'kato init'");
                case ConfigResult.Invalid invalid -> {
                    err.println(
                            "kato: " + path + ": " + invalid.problems().size() + " problem(s):");
                    err.println(CliContext.render(invalid.problems()));
                    return ExitCode.FAILURE.code();
                }
            }
        }
    }

    /** {@code kato config show}: the effective configuration with defaults filled in. */
    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Print the effective configuration (defaults filled in).")
    static final class Show implements Callable<Integer>, CommandFactory.ContextAware {
        @Spec CommandSpec spec;
        private CliContext context;

        @Override
        public void setContext(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            KatoConfig config = context.config();
            spec.commandLine()
                    .getOut()
                    .print(ConfigWriter.renderEffective(config, context.environment()));
            return ExitCode.OK.code();
        }
    }
}

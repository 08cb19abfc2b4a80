package dev.kato.cli;

import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;

/** Process entry point of the {@code kato} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out =
                new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        PrintWriter err =
                new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
        int code = run(args, CliContext.fromProcess(Clock.systemUTC()), out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. Tests call this directly. */
    public static int run(String[] args, CliContext context, PrintWriter out, PrintWriter err) {
        var quick = QuickCommands.tryRun(args, context, out, err);
        if (quick.isPresent()) {
            return quick.getAsInt();
        }
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cli = new CommandLine(new KatoCommand(), new CommandFactory(context));
        registerSubcommands(cli, args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserError) {
                err.println("kato: " + ex.getMessage());
            } else {
                err.println(
                        "kato: unexpected "
                                + ex.getClass().getSimpleName()
                                + "; rerun with --debug for details");
            }
            if (debug) {
                ex.printStackTrace(err);
            }
            return ExitCode.FAILURE.code();
        });
        cli.setParameterExceptionHandler((ex, arguments) -> {
            err.println("kato: " + ex.getMessage());
            CommandLine sub = ex.getCommandLine();
            err.println("Try 'kato " + helpPath(sub) + "--help' for usage.");
            return ExitCode.USAGE.code();
        });
        return cli.execute(args);
    }

    /**
     * Registers only the sub-command the arguments name (building picocli's model of every command
     * costs start-up time); all of them when none is named, for help and error messages.
     */
    private static void registerSubcommands(CommandLine cli, String[] args) {
        String first =
                java.util.Arrays.stream(args)
                        .filter(a -> !a.startsWith("-"))
                        .findFirst()
                        .orElse("");
        Class<?> named = KatoCommand.SUBCOMMANDS.get(first);
        if (named != null && !first.equals("help")) {
            cli.addSubcommand(first, named);
            return;
        }
        KatoCommand.SUBCOMMANDS.forEach(cli::addSubcommand);
    }

    private static String helpPath(CommandLine sub) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine c = sub; c != null && c.getParent() != null; c = c.getParent()) {
            sb.insert(0, c.getCommandName() + " ");
        }
        return sb.toString();
    }
}

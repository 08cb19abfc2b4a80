package dev.kato.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;

/** {@code kato}: the top-level command. */
@Command(
        name = "kato",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description =
                "Captures your AI coding-assistant conversations into Markdown/JSONL files you own.",
        subcommands = {
            HelpCommand.class,
            InitCommand.class,
            SessionsCommand.class,
            ExportCommand.class,
            ConfigCommand.class
        },
        footer = {"", "Run 'kato help <command>' for the options of one command."})
final class KatoCommand implements Runnable {
    @Option(
            names = "--debug",
            description = "Print stack traces of unexpected errors.",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    boolean debug;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

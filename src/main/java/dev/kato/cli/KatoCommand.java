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
        footer = {"", "Run 'kato help <command>' for the options of one command."})
final class KatoCommand implements Runnable {
    /** Sub-commands by name, in help order; registered lazily by {@link Main} (start-up time). */
    static final java.util.SequencedMap<String, Class<?>> SUBCOMMANDS = subcommands();

    private static java.util.SequencedMap<String, Class<?>> subcommands() {
        var m = new java.util.LinkedHashMap<String, Class<?>>();
        m.put("help", HelpCommand.class);
        m.put("init", InitCommand.class);
        m.put("sessions", SessionsCommand.class);
        m.put("export", ExportCommand.class);
        m.put("config", ConfigCommand.class);
        m.put("start", StartCommand.class);
        m.put("stop", StopCommand.class);
        m.put("restart", RestartCommand.class);
        m.put("status", StatusCommand.class);
        m.put("clean", CleanCommand.class);
        m.put("policy", PolicyCommand.class);
        m.put("audit", AuditCommand.class);
        m.put("doctor", DoctorCommand.class);
        m.put("aot-training", TrainCommand.class);
        m.put("aot-worker-training", WorkerTrainCommand.class);
        return java.util.Collections.unmodifiableSequencedMap(m);
    }

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

package dev.kato.cli;

import dev.kato.config.KatoConfig;
import dev.kato.event.Provider;
import dev.kato.export.SessionCatalog;
import dev.kato.export.SessionListing;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kato sessions}: lists the conversations found under the configured session roots. */
@Command(
        name = "sessions",
        mixinStandardHelpOptions = true,
        description = "List the conversations Kato can see.")
final class SessionsCommand implements Callable<Integer>, CommandFactory.ContextAware {
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(
            names = "--provider",
            paramLabel = "P",
            description = "Only this provider: claude, codex or gemini.")
    String provider;

    @Spec CommandSpec spec;
    private CliContext context;

    @Override
    public void setContext(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Provider only = null;
        if (provider != null) {
            only =
                    Provider.tryParse(provider)
                            .orElseThrow(() ->
                                    new picocli.CommandLine.ParameterException(
                                            spec.commandLine(),
                                            "unknown provider '"
                                                    + provider
                                                    + "' (expected claude, codex or gemini)"));
        }
        KatoConfig config = context.config();
        List<SessionListing> sessions =
                new SessionCatalog(
                                dev.kato.export.Configured.roots(config),
                                config.ingest().maxLineBytes(),
                                context.environment().sessionsDir())
                        .list(only);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(SessionListing.toJson(sessions));
        } else {
            printTable(out, sessions, config.resolveTimeZone(ZoneId.systemDefault()));
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private static void printTable(PrintWriter out, List<SessionListing> sessions, ZoneId zone) {
        if (sessions.isEmpty()) {
            out.println("No sessions found under the configured roots (see 'kato config show').");
            return;
        }
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        out.printf(
                "%-8s  %-6s  %-36s  %-16s  %7s  %-4s  %s%n",
                "ID", "PROV", "PROVIDER SESSION", "LAST MESSAGE", "EVENTS", "LOG", "TITLE");
        for (SessionListing s : sessions) {
            out.printf(
                    "%-8s  %-6s  %-36s  %-16s  %7d  %-4s  %s%n",
                    s.key().shortId(),
                    s.key().provider().id(),
                    s.key().providerSessionId(),
                    s.lastMessageTime().map(time::format).orElse("-"),
                    s.eventCount(),
                    s.logExists() ? "yes" : "gone",
                    s.title());
        }
    }
}

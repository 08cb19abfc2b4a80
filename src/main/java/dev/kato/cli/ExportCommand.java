package dev.kato.cli;

import dev.kato.audit.AuditEvent;
import dev.kato.config.Environment;
import dev.kato.config.KatoConfig;
import dev.kato.export.ExportResult;
import dev.kato.export.SessionCatalog;
import dev.kato.export.SessionExporter;
import dev.kato.ingest.DiscoveredSession;
import dev.kato.policy.DestinationFormat;
import dev.kato.policy.PathDecision;
import dev.kato.policy.PathPolicy;
import dev.kato.provider.ParserLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kato export}: writes one session to a Markdown or JSONL file, synchronously. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export one conversation to Markdown or JSONL.",
            "SESSION is a short id, a Kato session id, a provider session id, or the path of a provider log file."
        })
final class ExportCommand implements Callable<Integer>, CommandFactory.ContextAware {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session to export.")
    String session;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "PATH",
            description = "Destination file (default: a new file under KATO_HOME/exports).")
    String output;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "markdown or jsonl (default: from the -o extension, else markdown).")
    String format;

    @Spec CommandSpec spec;
    private CliContext context;

    @Override
    public void setContext(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        DestinationFormat chosen = chooseFormat();
        CliContext.EffectiveConfig effective = context.effectiveConfig();
        KatoConfig config = effective.config();
        Environment env = context.environment();
        String correlationId = java.util.UUID.randomUUID().toString();
        SessionCatalog catalog =
                new SessionCatalog(
                        dev.kato.export.Configured.roots(config),
                        config.ingest().maxLineBytes(),
                        env.sessionsDir());
        ProgressLine[] progressLine = new ProgressLine[1];
        SessionExporter exporter =
                new SessionExporter(
                        ParserLimits.DEFAULT.withMaxLineBytes(config.ingest().maxLineBytes()),
                        bytes -> progressLine[0].update(bytes));
        Source found =
                switch (catalog.resolve(session, context.workingDirectory())) {
                    case SessionCatalog.Resolution.Found f ->
                            new Source(
                                    f.session().key(),
                                    totalBytes(f.session()),
                                    exporter.logs(f.session()));
                    case SessionCatalog.Resolution.InVault v ->
                            new Source(v.session().key(), 0, catalog.vaultEvents(v.session()));
                    case SessionCatalog.Resolution.NotFound nf -> throw new UserError(nf.message());
                };
        String destination =
                output != null ? absolute(output) : defaultDestination(env, found, chosen);
        PathPolicy policy = dev.kato.export.Configured.policy(config, env, context.userId());
        PathDecision decision = policy.decide(destination);
        audit(
                new AuditEvent.PathDecided(
                        correlationId,
                        destination,
                        decision instanceof PathDecision.Allowed,
                        decision instanceof PathDecision.Denied d ? d.reason().name() : "",
                        effective.policyVersion()));
        var approved =
                switch (decision) {
                    case PathDecision.Allowed a -> a.path();
                    case PathDecision.Denied d ->
                            throw new UserError("export denied: " + d.message());
                };
        ExportResult result;
        ProgressLine progress =
                ProgressLine.forTerminal(
                        spec.commandLine().getErr(), context.clock(), found.bytes());
        progressLine[0] = progress;
        try {
            result =
                    exporter.export(
                            found.events(), approved, dev.kato.export.Configured.markdown(config));
        } catch (IOException e) {
            progress.done();
            throw new UserError("export of " + found.key().shortId() + " failed: " + describe(e));
        }
        progress.done();
        audit(
                new AuditEvent.FileWritten(
                        correlationId,
                        approved.target().toString(),
                        chosen.name().toLowerCase(Locale.ROOT),
                        result.events(),
                        found.key().shortId()));
        spec.commandLine().getOut().println(result.destination().target());
        if (result.anomalies() > 0) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "kato: note: skipped "
                                    + result.anomalies()
                                    + " unreadable record(s) in the provider log");
        }
        return ExitCode.OK.code();
    }

    /**
     * Every policy decision and write is audited; an export whose audit record fails is an error.
     */
    private void audit(AuditEvent event) {
        try {
            context.auditLog().record(event);
        } catch (IOException e) {
            throw new UserError(
                    "cannot write the audit log "
                            + context.environment().securityAuditLogPath()
                            + " ("
                            + e.getClass().getSimpleName()
                            + ")");
        }
    }

    /** A resolved session: its identity, its size on disk (0 from the vault) and its events. */
    private record Source(
            dev.kato.event.SessionKey key, long bytes, SessionExporter.EventSource events) {}

    private static long totalBytes(DiscoveredSession s) {
        long total = 0;
        for (var f : s.filesToRead()) {
            try {
                total += java.nio.file.Files.size(f.path());
            } catch (IOException e) {
                // size unknown: the progress line shows bytes only
            }
        }
        return total;
    }

    private DestinationFormat chooseFormat() {
        DestinationFormat fromFlag = null;
        if (format != null) {
            fromFlag =
                    DestinationFormat.tryParse(format)
                            .orElseThrow(() ->
                                    new ParameterException(
                                            spec.commandLine(),
                                            "unknown --format '"
                                                    + format
                                                    + "' (expected markdown or jsonl)"));
        }
        if (output == null) {
            return fromFlag == null ? DestinationFormat.MARKDOWN : fromFlag;
        }
        DestinationFormat fromName =
                output.toLowerCase(Locale.ROOT).endsWith(".jsonl")
                        ? DestinationFormat.JSONL
                        : DestinationFormat.MARKDOWN;
        if (fromFlag != null && fromFlag != fromName) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--format " + format + " does not match the extension of " + output);
        }
        return fromName;
    }

    /** Relative paths typed in a shell mean relative to the working directory. */
    private String absolute(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? path : context.workingDirectory().resolve(p).normalize().toString();
    }

    private String defaultDestination(Environment env, Source s, DestinationFormat f) {
        String name =
                s.key().provider().id()
                        + "-"
                        + s.key().shortId()
                        + "-"
                        + STAMP.format(context.clock().instant())
                        + f.extension();
        return env.exportsDir().resolve(name).toString();
    }

    private static String describe(IOException e) {
        return switch (e) {
            case dev.kato.export.NothingToExportException n -> n.getMessage();
            case dev.kato.export.ExistingFileException x -> x.getMessage();
            case java.nio.file.AccessDeniedException a -> "permission denied: " + a.getFile();
            case java.nio.file.FileSystemException fs ->
                    fs.getReason() == null
                            ? fs.getClass().getSimpleName() + ": " + fs.getFile()
                            : fs.getReason() + ": " + fs.getFile();
            default -> e.getClass().getSimpleName();
        };
    }
}

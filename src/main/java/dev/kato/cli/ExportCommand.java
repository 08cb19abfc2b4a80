package dev.kato.cli;

import dev.kato.audit.AuditEvent;
import dev.kato.config.Environment;
import dev.kato.config.KatoConfig;
import dev.kato.config.SandboxMode;
import dev.kato.export.ExportJob;
import dev.kato.export.ExportRequest;
import dev.kato.export.ExportResult;
import dev.kato.export.SessionCatalog;
import dev.kato.export.SessionExporter;
import dev.kato.ingest.DiscoveredSession;
import dev.kato.policy.ApprovedPath;
import dev.kato.policy.DestinationFormat;
import dev.kato.policy.PathDecision;
import dev.kato.policy.PathPolicy;
import dev.kato.sandbox.ConfinementStatus;
import dev.kato.sandbox.Role;
import dev.kato.sandbox.SandboxException;
import dev.kato.sandbox.WorkerRuntime;
import dev.kato.writer.DestinationWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
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
                        ExportJob.limits(config), bytes -> progressLine[0].update(bytes));
        Source found =
                switch (catalog.resolve(session, context.workingDirectory())) {
                    case SessionCatalog.Resolution.Found f ->
                            new Source(
                                    f.session().key(),
                                    totalBytes(f.session()),
                                    exporter.logs(f.session()),
                                    new ExportRequest.Logs(
                                            f.session().key(), f.session().filesToRead()));
                    case SessionCatalog.Resolution.InVault v ->
                            new Source(
                                    v.session().key(),
                                    0,
                                    catalog.vaultEvents(v.session()),
                                    new ExportRequest.VaultSession(
                                            v.session().key(), env.sessionsDir()));
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
        ProgressLine progress =
                ProgressLine.forTerminal(
                        spec.commandLine().getErr(), context.clock(), found.bytes());
        progressLine[0] = progress;
        SandboxMode mode = config.sandbox().mode();
        ExportSandbox.Plan plan = ExportSandbox.plan(mode, ExportSandbox.kernelCanConfine());
        Written written =
                switch (plan) {
                    case ExportSandbox.Refused r -> {
                        auditConfinement(correlationId, mode, "missing", "missing", "refused");
                        throw new UserError(r.message());
                    }
                    case ExportSandbox.InProcess ip -> {
                        if (!ip.warning().isEmpty()) {
                            spec.commandLine().getErr().println("kato: " + ip.warning());
                        }
                        auditConfinement(
                                correlationId, mode, NOT_APPLIED, NOT_APPLIED, "unconfined");
                        yield inProcess(found, approved, config, progress);
                    }
                    case ExportSandbox.Confined _ ->
                            confined(
                                    new ExportRequest(
                                            mode,
                                            env.configPath(),
                                            env.katoHome(),
                                            env.home(),
                                            ZoneId.systemDefault().getId(),
                                            effective.policyVersion(),
                                            destination,
                                            found.input()),
                                    approved,
                                    correlationId,
                                    progress);
                };
        audit(
                new AuditEvent.FileWritten(
                        correlationId,
                        written.target(),
                        chosen.name().toLowerCase(Locale.ROOT),
                        written.events(),
                        found.key().shortId()));
        spec.commandLine().getOut().println(written.target());
        if (written.anomalies() > 0) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "kato: note: skipped "
                                    + written.anomalies()
                                    + " unreadable record(s) in the provider log");
        }
        return ExitCode.OK.code();
    }

    private static final String NOT_APPLIED = "not-applied";

    /** What was written, as the process that wrote it reported. */
    private record Written(String target, long events, long anomalies) {}

    private Written inProcess(
            Source found, ApprovedPath approved, KatoConfig config, ProgressLine progress) {
        try {
            ExportResult result =
                    new SessionExporter(ExportJob.limits(config), b -> {})
                            .export(
                                    found.events(),
                                    approved,
                                    dev.kato.export.Configured.markdown(config));
            return new Written(
                    result.destination().target().toString(), result.events(), result.anomalies());
        } catch (IOException e) {
            throw new UserError(
                    "export of " + found.key().shortId() + " failed: " + ExportJob.describe(e));
        } finally {
            progress.done();
        }
    }

    /** Runs the export in a confined child; the child re-makes the policy decision itself. */
    private Written confined(
            ExportRequest request,
            ApprovedPath approved,
            String correlationId,
            ProgressLine progress) {
        ConfinedExport.Outcome outcome;
        try {
            DestinationWriter.prepareDirectory(approved);
            outcome =
                    ConfinedExport.run(
                            request,
                            approved.target().getParent(),
                            WorkerRuntime.forWorkers(),
                            progress::update);
        } catch (IOException e) {
            throw new UserError(
                    "export of "
                            + request.input().key().shortId()
                            + " failed: "
                            + ExportJob.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("export interrupted");
        } catch (SandboxException e) {
            throw new UserError("cannot start the confined export: " + e.getMessage());
        } finally {
            progress.done();
        }
        String landlock =
                outcome.confined().map(c -> ConfinementStatus.word(c.landlock())).orElse("unknown");
        String seccomp =
                outcome.confined().map(c -> ConfinementStatus.word(c.seccomp())).orElse("unknown");
        boolean full = outcome.confined().map(c -> c.landlock() && c.seccomp()).orElse(false);
        if (outcome instanceof ConfinedExport.RefusedUnconfined) {
            auditConfinement(correlationId, request.mode(), landlock, seccomp, "refused");
            throw new UserError(
                    "export refused: the kernel did not confine the export process (landlock "
                            + landlock
                            + ", seccomp "
                            + seccomp
                            + ") and sandbox.mode is required; nothing was written");
        }
        auditConfinement(
                correlationId, request.mode(), landlock, seccomp, full ? "confined" : "unconfined");
        if (!full && outcome.confined().isPresent()) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "kato: warning: the export ran partly unconfined (landlock "
                                    + landlock
                                    + ", seccomp "
                                    + seccomp
                                    + ", sandbox.mode: "
                                    + request.mode().configValue()
                                    + ")");
        }
        return switch (outcome) {
            case ConfinedExport.Written w -> new Written(w.target(), w.events(), w.anomalies());
            case ConfinedExport.Failed f -> throw new UserError(f.message());
            case ConfinedExport.RefusedUnconfined _ -> throw new IllegalStateException();
            case ConfinedExport.Crashed c ->
                    throw new UserError(
                            "export of "
                                    + request.input().key().shortId()
                                    + " failed: the confined export process ended with exit code "
                                    + c.exitCode()
                                    + (c.diagnostic().isEmpty()
                                            ? ""
                                            : " (" + c.diagnostic() + ")"));
        };
    }

    private void auditConfinement(
            String correlationId,
            SandboxMode mode,
            String landlock,
            String seccomp,
            String outcome) {
        audit(
                new AuditEvent.SandboxConfinement(
                        correlationId,
                        Role.EXPORT.id(),
                        mode.configValue(),
                        landlock,
                        seccomp,
                        outcome));
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
            dev.kato.event.SessionKey key,
            long bytes,
            SessionExporter.EventSource events,
            ExportRequest.Input input) {}

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
}

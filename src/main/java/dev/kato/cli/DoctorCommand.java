package dev.kato.cli;

import dev.kato.audit.AuditEvent;
import dev.kato.audit.AuditLog;
import dev.kato.config.SandboxMode;
import dev.kato.sandbox.DoctorReport;
import dev.kato.sandbox.Role;
import dev.kato.sandbox.SandboxDoctor;
import dev.kato.sandbox.SandboxException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kato doctor}: starts a real confined probe process per role, has it attempt what its role
 * must not do, and prints the role × layer matrix derived only from what the kernel answered.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Prove the kernel confinement of each process role with live probes.",
            "Exits 0 when every layer sandbox.mode requires is enforced, 1 otherwise."
        })
final class DoctorCommand implements Callable<Integer>, CommandFactory.ContextAware {
    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Spec CommandSpec spec;
    private CliContext context;

    @Override
    public void setContext(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        SandboxMode mode = context.config().sandbox().mode();
        DoctorReport report;
        try {
            report = SandboxDoctor.run(mode, System.getenv(), Optional.empty());
        } catch (SandboxException e) {
            throw new UserError("cannot run the sandbox probes: " + e.getMessage());
        }
        audit(report);
        PrintWriter out = spec.commandLine().getOut();
        List<String> missing = report.missing();
        if (json) {
            out.print(DoctorView.json(report));
        } else {
            out.print(DoctorView.text(report));
        }
        out.flush();
        if (!missing.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            for (String line : missing) {
                err.println("missing: " + line);
            }
            err.flush();
            return ExitCode.FAILURE.code();
        }
        return ExitCode.OK.code();
    }

    /** Every probe verdict goes to the audit chain, tied together by one correlation id. */
    private void audit(DoctorReport report) throws IOException {
        AuditLog log = context.auditLog();
        String run = UUID.randomUUID().toString();
        for (Role role : report.roles()) {
            for (var cell : report.matrix().get(role).entrySet()) {
                log.record(
                        new AuditEvent.SandboxProbed(
                                run,
                                report.mode().configValue(),
                                role.id(),
                                cell.getKey().id(),
                                cell.getValue().id(),
                                cell.getValue().reason()));
            }
        }
    }
}

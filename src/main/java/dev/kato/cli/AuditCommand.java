package dev.kato.cli;

import dev.kato.audit.AuditVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kato audit verify}: checks the audit log's hash chain. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Check the security audit log.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "missing subcommand: verify");
    }

    /** Recomputes the chain; exit 1 naming the first bad record. */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Verify the audit log's hash chain; exit 1 naming the first bad record.")
    static final class Verify implements Callable<Integer>, CommandFactory.ContextAware {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Spec CommandSpec spec;
        private CliContext context;

        @Override
        public void setContext(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            Path log = context.environment().securityAuditLogPath();
            PrintWriter out = spec.commandLine().getOut();
            return switch (AuditVerifier.verify(log)) {
                case AuditVerifier.Result.Valid v -> {
                    out.println(
                            json
                                    ? "{\"log\":"
                                            + quote(log.toString())
                                            + ",\"valid\":true,\"records\":"
                                            + v.records()
                                            + "}"
                                    : log + ": " + v.records() + " record(s), chain intact");
                    yield ExitCode.OK.code();
                }
                case AuditVerifier.Result.Broken b -> {
                    if (json) {
                        out.println(
                                "{\"log\":"
                                        + quote(log.toString())
                                        + ",\"valid\":false,\"firstBadLine\":"
                                        + b.line()
                                        + ",\"reason\":"
                                        + quote(b.reason())
                                        + "}");
                    } else {
                        spec.commandLine()
                                .getErr()
                                .println(
                                        "kato: "
                                                + log
                                                + ": record at line "
                                                + b.line()
                                                + " is bad: "
                                                + b.reason());
                    }
                    yield ExitCode.FAILURE.code();
                }
            };
        }

        private static String quote(String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            return sb.append('"').toString();
        }
    }
}

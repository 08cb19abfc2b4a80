package dev.kato.cli;

import dev.kato.audit.AuditEvent;
import dev.kato.config.ConfigInit;
import dev.kato.config.ConfigLoader;
import dev.kato.config.ConfigResult;
import dev.kato.config.Environment;
import dev.kato.fs.AtomicFiles;
import dev.kato.policy.PathDecision;
import dev.kato.policy.PathPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kato policy explain PATH | allow DIR}: the write policy, asked and widened. */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Ask the write policy about a path, or allow a directory.",
        subcommands = {PolicyCommand.Explain.class, PolicyCommand.Allow.class})
final class PolicyCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "missing subcommand: explain or allow");
    }

    /** {@code kato policy explain PATH}: would Kato write there, and if not, why. */
    @Command(
            name = "explain",
            mixinStandardHelpOptions = true,
            description = {
                "Say whether recordings and exports may be written to PATH, and why not.",
                "Exits 0 when allowed, 1 when denied."
            })
    static final class Explain implements Callable<Integer>, CommandFactory.ContextAware {
        @Parameters(index = "0", paramLabel = "PATH", description = "A destination file.")
        String path;

        @Spec CommandSpec spec;
        private CliContext context;

        @Override
        public void setContext(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Environment env = context.environment();
            CliContext.EffectiveConfig effective = context.effectiveConfig();
            PathPolicy policy =
                    dev.kato.export.Configured.policy(effective.config(), env, context.userId());
            String requested =
                    path.startsWith("/")
                            ? path
                            : context.workingDirectory().resolve(path).toString();
            PrintWriter out = spec.commandLine().getOut();
            return switch (policy.decide(requested)) {
                case PathDecision.Allowed a -> {
                    out.println("allowed: " + a.path().target());
                    out.println("  policy version: " + effective.policyVersion());
                    yield ExitCode.OK.code();
                }
                case PathDecision.Denied d -> {
                    out.println("denied (" + d.reason().name() + "): " + d.message());
                    out.println("  policy version: " + effective.policyVersion());
                    yield ExitCode.FAILURE.code();
                }
            };
        }
    }

    /** {@code kato policy allow DIR}: add a write root to the config file, audited. */
    @Command(
            name = "allow",
            mixinStandardHelpOptions = true,
            description = {
                "Add DIR to allowedWriteRoots in the config file (rewritten in Kato's layout; the"
                        + " previous file is kept as kato-config.yaml.bak). Audited.",
                "A running daemon uses the new roots after 'kato restart'."
            })
    static final class Allow implements Callable<Integer>, CommandFactory.ContextAware {
        @Parameters(
                index = "0",
                paramLabel = "DIR",
                description = "An absolute directory (or ~/…).")
        String dir;

        @Spec CommandSpec spec;
        private CliContext context;

        @Override
        public void setContext(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            Environment env = context.environment();
            Path file = env.configPath();
            if (!(ConfigLoader.load(file, env) instanceof ConfigResult.Loaded loaded)) {
                // missing or invalid: effectiveConfig() names the problem
                context.effectiveConfig();
                throw new UserError("no config file at " + file + "; create one with 'kato init'");
            }
            if (loaded.config().allowedWriteRoots().contains(Path.of(dir).normalize())) {
                spec.commandLine().getOut().println("already allowed: " + dir);
                return ExitCode.OK.code();
            }
            String yaml =
                    switch (ConfigInit.allowWriteRoot(env, loaded.config(), dir)) {
                        case ConfigInit.Prepared.Rejected(var problems) ->
                                throw new UserError(
                                        "cannot allow "
                                                + dir
                                                + ": "
                                                + problems.getFirst().message());
                        case ConfigInit.Prepared.Ready(var config, String text) -> text;
                    };
            byte[] previous = Files.readAllBytes(file);
            AtomicFiles.replace(
                    file.resolveSibling(file.getFileName() + ".bak"), out -> out.write(previous));
            AtomicFiles.replace(file, out -> out.write(yaml.getBytes(StandardCharsets.UTF_8)));
            String version =
                    ConfigLoader.load(file, env) instanceof ConfigResult.Loaded now
                            ? now.sha256()
                            : "unreadable";
            context.auditLog()
                    .record(new AuditEvent.WriteRootAllowed(dir, loaded.sha256(), version));
            PrintWriter out = spec.commandLine().getOut();
            out.println(
                    "allowed: " + dir + " (config " + file + ", policy version " + version + ")");
            out.println("  a running daemon applies it after 'kato restart'");
            return ExitCode.OK.code();
        }
    }
}

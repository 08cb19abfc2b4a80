package dev.kato.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The command lines answered before picocli loads: {@code --version}, the plain forms of {@code
 * status}, and {@code start}, {@code stop} and {@code restart} without options. picocli's classes
 * are compiled for Java 5 and cannot enter the AOT cache, so building its model costs 80–200 ms;
 * these commands are the ones people and scripts run most often, and a first start's catch-up waits
 * for {@code start}. Anything else, including {@code --help} and unknown options, goes to picocli,
 * which owns usage messages. Errors are reported as picocli's handler in {@link Main} reports them.
 */
final class QuickCommands {
    private static final Set<String> STATUS_FLAGS = Set.of("--json", "--all");
    private static final Set<String> LIFECYCLE = Set.of("start", "stop", "restart");

    private QuickCommands() {}

    /** The exit code when the command line was answered here; empty to let picocli parse it. */
    static OptionalInt tryRun(String[] args, CliContext context, PrintWriter out, PrintWriter err) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            out.println(new VersionInfo().getVersion()[0]);
            return OptionalInt.of(ExitCode.OK.code());
        }
        if (args.length >= 1 && args[0].equals("status") && plainFlags(args)) {
            return OptionalInt.of(status(args, context, out, err));
        }
        if (args.length == 1 && LIFECYCLE.contains(args[0])) {
            return OptionalInt.of(lifecycle(args[0], context, out, err));
        }
        return OptionalInt.empty();
    }

    private static int lifecycle(
            String command, CliContext context, PrintWriter out, PrintWriter err) {
        return answer(
                () -> {
                    DaemonLifecycle lifecycle = new DaemonLifecycle(context, out, err);
                    return switch (command) {
                        case "start" -> lifecycle.start();
                        case "stop" -> lifecycle.stop();
                        default -> lifecycle.restart();
                    };
                },
                QuickCommands::unexpected,
                err);
    }

    /** A quick command's work; {@link #answer} turns what it throws into one line. */
    @FunctionalInterface
    interface Work {
        ExitCode run() throws IOException, InterruptedException;
    }

    /**
     * Runs {@code work}; a failure is one line on {@code err}, in the forms of picocli's handler in
     * {@link Main} ({@code ioProblem} words an I/O failure), and never a stack trace.
     */
    static int answer(
            Work work, java.util.function.Function<Exception, String> ioProblem, PrintWriter err) {
        try {
            return work.run().code();
        } catch (UserError e) {
            err.println("kato: " + e.getMessage());
        } catch (IOException e) {
            err.println("kato: " + ioProblem.apply(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("kato: interrupted");
        } catch (RuntimeException e) {
            err.println("kato: " + unexpected(e));
        }
        return ExitCode.FAILURE.code();
    }

    private static String unexpected(Exception e) {
        return "unexpected " + e.getClass().getSimpleName() + "; rerun with --debug for details";
    }

    private static boolean plainFlags(String[] args) {
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 1; i < args.length; i++) {
            if (!STATUS_FLAGS.contains(args[i]) || !seen.add(args[i])) {
                return false;
            }
        }
        return true;
    }

    private static int status(String[] args, CliContext context, PrintWriter out, PrintWriter err) {
        java.util.List<String> flags = java.util.List.of(args);
        return answer(
                () -> {
                    DaemonControl control = DaemonLifecycle.control(context.environment());
                    out.print(
                            new StatusReport(
                                            control,
                                            flags.contains("--json"),
                                            flags.contains("--all"))
                                    .render());
                    out.flush();
                    return ExitCode.OK;
                },
                e -> "cannot reach the daemon: " + e.getMessage(),
                err);
    }
}

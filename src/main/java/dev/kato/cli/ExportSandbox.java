package dev.kato.cli;

import dev.kato.config.SandboxMode;
import dev.kato.sandbox.Landlock;

/**
 * Where {@code kato export} reads and writes, by {@code sandbox.mode} and what the kernel offers:
 * in a confined child process, in the CLI process itself, or not at all. The kernel check is cheap
 * (one {@code landlock_create_ruleset} version query, no probe process); the child then checks
 * every layer live before it reads anything.
 */
public final class ExportSandbox {
    private ExportSandbox() {}

    /** What to do. */
    public sealed interface Plan permits Confined, InProcess, Refused {}

    /** Run in a confined child process. */
    public record Confined() implements Plan {}

    /**
     * Run in the CLI process, unconfined.
     *
     * @param warning the line for stderr, or empty when the user chose {@code off}
     */
    public record InProcess(String warning) implements Plan {}

    /** Do not export; {@code message} is the one-line error. */
    public record Refused(String message) implements Plan {}

    /** Whether this kernel and platform can confine a process with Landlock at all. */
    public static boolean kernelCanConfine() {
        return Landlock.isSupportedPlatform() && Landlock.abi() >= 1;
    }

    public static Plan plan(SandboxMode mode, boolean kernelCanConfine) {
        return switch (mode) {
            case OFF -> new InProcess("");
            case BEST_EFFORT ->
                    kernelCanConfine
                            ? new Confined()
                            : new InProcess(
                                    "warning: this kernel cannot confine the export (no Landlock);"
                                            + " running it unconfined (sandbox.mode: best-effort)");
            case REQUIRED ->
                    kernelCanConfine
                            ? new Confined()
                            : new Refused(
                                    "export refused: this kernel cannot confine it (no Landlock)"
                                            + " and sandbox.mode is required; nothing was written");
        };
    }
}

package dev.kato.sandbox;

/**
 * The part of confinement a worker applies to itself as its first action: the seccomp filter on all
 * threads. It cannot be installed before the re-exec, because a filter that denies {@code execve}
 * would stop the re-exec itself.
 */
public final class WorkerConfinement {
    private WorkerConfinement() {}

    /**
     * Installs {@code role}'s seccomp profile on every thread.
     *
     * @throws SandboxException when the kernel refuses or the architecture is unsupported
     */
    public static void completeInWorker(Role role) {
        ResourceLimits.disableCoreDumps();
        Seccomp.install(role.seccomp());
    }
}

package dev.kato.sandbox;

/** A confinement step failed; the message names the step and the errno, never file content. */
public final class SandboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    SandboxException(String step, int errno) {
        super(step + " failed: " + Syscalls.errnoName(errno));
    }
}

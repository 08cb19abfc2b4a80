package dev.kato.sandbox;

import java.util.Optional;

/** The confined process roles of {@code security.md} §5. */
public enum Role {
    ORCHESTRATOR("orchestrator", SeccompProfile.ORCHESTRATOR),
    PROVIDER_WORKER("provider-worker", SeccompProfile.PROVIDER_WORKER),
    WRITER_WORKER("writer-worker", SeccompProfile.WORKER),
    /** The one-shot {@code kato export}: reads one session, writes one file. */
    EXPORT("export", SeccompProfile.WORKER);

    private final String id;
    private final SeccompProfile seccomp;

    Role(String id, SeccompProfile seccomp) {
        this.id = id;
        this.seccomp = seccomp;
    }

    /** The stable name used on command lines, in output and in the audit log. */
    public String id() {
        return id;
    }

    public SeccompProfile seccomp() {
        return seccomp;
    }

    public static Optional<Role> tryParse(String id) {
        for (Role r : values()) {
            if (r.id.equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}

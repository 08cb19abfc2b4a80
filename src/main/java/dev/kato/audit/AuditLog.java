package dev.kato.audit;

import java.io.IOException;

/** Where audit events go. Every security-relevant allow/deny decision is recorded through one. */
public interface AuditLog {
    /** Appends the event durably; fails loudly rather than dropping it. */
    void record(AuditEvent event) throws IOException;
}

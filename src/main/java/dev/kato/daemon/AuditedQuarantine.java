package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.audit.AuditEvent;
import dev.kato.audit.AuditLog;
import dev.kato.state.QuarantineListener;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Every state file the daemon moves aside as corrupt (vault metadata, recording checkpoints) is a
 * {@code state.quarantined} audit record and a recent error in {@code kato status}. The reason is
 * the state store's fixed, content-free text.
 */
final class AuditedQuarantine implements QuarantineListener {
    private final AuditLog audit;
    private final CaptureActivity activity;

    AuditedQuarantine(AuditLog audit, CaptureActivity activity) {
        this.audit = requireNonNull(audit, "audit");
        this.activity = requireNonNull(activity, "activity");
    }

    @Override
    public void quarantined(Path original, Path movedTo, String reason) {
        try {
            audit.record(
                    new AuditEvent.StateQuarantined(
                            original.toString(), movedTo.toString(), reason));
        } catch (IOException e) {
            activity.error(
                    "audit",
                    "could not record a quarantined state file: " + e.getClass().getSimpleName());
        }
        activity.error("state", "a corrupt state file was moved aside: " + original.getFileName());
    }
}

package dev.kato.provider;

import static java.util.Objects.requireNonNull;

/**
 * Input a parser skipped. Holds the kind, where it was and a content-free detail, so it can be
 * logged safely.
 *
 * @param offset byte offset of the start of the offending line (or -1 for whole documents)
 */
public record Anomaly(AnomalyKind kind, long offset, String detail) {
    public Anomaly {
        requireNonNull(kind, "kind");
        requireNonNull(detail, "detail");
    }
}

package dev.kato.vault;

/**
 * What one {@link Vault#readEvents} delivered.
 *
 * @param events events passed to the consumer
 * @param rejectedLines committed lines that no longer parse (disk corruption or outside edits);
 *     they are skipped, and a caller exporting a transcript should say the export is incomplete
 */
public record ReadSummary(long events, long rejectedLines) {
    public ReadSummary {
        if (events < 0 || rejectedLines < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }
}

package dev.kato.vault;

/**
 * What one {@link Vault#append} did.
 *
 * @param appended events newly stored
 * @param duplicates events skipped because their id was already stored (or repeated in the batch)
 * @param tooLarge events skipped because their canonical line exceeds {@link
 *     JsonlEventReader#MAX_LINE_BYTES}
 */
public record AppendResult(int appended, int duplicates, int tooLarge) {
    public AppendResult {
        if (appended < 0 || duplicates < 0 || tooLarge < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }
}

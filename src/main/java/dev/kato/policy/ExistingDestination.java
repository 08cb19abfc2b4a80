package dev.kato.policy;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The rules an existing destination must meet ({@code security.md} §3): a regular file (not a
 * symbolic link, even one pointing inside the root), owned by the user, not executable, with one
 * hard link. {@link PathPolicy} applies them to the path before approving it; the writer applies
 * them again to the open descriptor it is about to use, with the same wording.
 *
 * @param symbolicLink the entry itself is a symbolic link
 * @param regularFile the entry is a regular file
 * @param ownerUid its owner
 * @param executable any execute bit is set
 * @param links its hard-link count
 */
public record ExistingDestination(
        boolean symbolicLink, boolean regularFile, long ownerUid, boolean executable, long links) {

    /**
     * A broken rule: why, and a phrase that follows the file's path ("is a symbolic link").
     *
     * @param phrase one line, no path: "{@code <path> <phrase>}" is the user's message
     */
    public record Problem(DenialReason reason, String phrase) {}

    /** The first rule this file breaks as a destination of user {@code userId}, if any. */
    public Optional<Problem> problem(long userId) {
        if (symbolicLink) {
            return problem(DenialReason.SYMLINK, "is a symbolic link");
        }
        if (!regularFile) {
            return problem(DenialReason.NOT_REGULAR_FILE, "exists and is not a regular file");
        }
        if (ownerUid != userId) {
            return problem(DenialReason.NOT_OWNED_BY_USER, "is owned by another user");
        }
        if (executable) {
            return problem(
                    DenialReason.EXECUTABLE, "is executable; Kato never overwrites programs");
        }
        if (links != 1) {
            return problem(DenialReason.HARD_LINKED, "has more than one hard link");
        }
        return Optional.empty();
    }

    /** The policy's verdict when this file is the existing destination {@code target}. */
    Optional<PathDecision.Denied> denial(Path target, long userId) {
        return problem(userId)
                .map(p -> new PathDecision.Denied(p.reason(), target + " " + p.phrase()));
    }

    private static Optional<Problem> problem(DenialReason reason, String phrase) {
        return Optional.of(new Problem(reason, phrase));
    }
}

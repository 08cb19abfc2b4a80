package dev.kato.policy;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A destination the write policy approved: the only kind of path a transcript writer accepts. Only
 * {@link PathPolicy} can make one. Holds the canonical allowed root and the canonical target
 * beneath it, so a writer can re-check the path component by component at write time.
 */
public final class ApprovedPath {
    private final Path root;
    private final Path target;
    private final DestinationFormat format;
    private final long ownerUid;

    private ApprovedPath(Path root, Path target, DestinationFormat format, long ownerUid) {
        this.root = requireNonNull(root, "root");
        this.target = requireNonNull(target, "target");
        this.format = requireNonNull(format, "format");
        this.ownerUid = ownerUid;
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IllegalArgumentException("target must lie beneath the root");
        }
    }

    static ApprovedPath approve(
            Path canonicalRoot, Path canonicalTarget, DestinationFormat format, long ownerUid) {
        return new ApprovedPath(canonicalRoot, canonicalTarget, format, ownerUid);
    }

    /** The canonical allowed root the target lies beneath. */
    public Path root() {
        return root;
    }

    /** The canonical absolute target path. */
    public Path target() {
        return target;
    }

    /** Markdown or JSONL, from the extension. */
    public DestinationFormat format() {
        return format;
    }

    /** The uid an existing destination must be owned by (the policy's user). */
    public long ownerUid() {
        return ownerUid;
    }

    @Override
    public String toString() {
        return "ApprovedPath[" + target + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApprovedPath other
                && other.target.equals(target)
                && other.root.equals(root);
    }

    @Override
    public int hashCode() {
        return target.hashCode();
    }
}

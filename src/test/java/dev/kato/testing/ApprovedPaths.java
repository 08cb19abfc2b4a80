package dev.kato.testing;

import dev.kato.policy.ApprovedPath;
import dev.kato.policy.PathDecision;
import dev.kato.policy.PathPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An {@link ApprovedPath} for a test, made the only way there is: a real {@link PathPolicy}
 * decision with {@code root} as the one allowed root, for the user who owns {@code root} (or its
 * nearest existing ancestor).
 */
public final class ApprovedPaths {
    private ApprovedPaths() {}

    /**
     * @param katoHome the policy's Kato home (nothing under it is a destination)
     * @throws AssertionError when the policy denies {@code path}
     */
    public static ApprovedPath approve(Path root, String path, Path katoHome) throws IOException {
        Path existing = root;
        while (!Files.exists(existing)) { // the root may be created by the write under test
            existing = existing.getParent();
        }
        long uid = (Integer) Files.getAttribute(existing, "unix:uid");
        PathPolicy policy =
                new PathPolicy(
                        List.of(root),
                        katoHome,
                        List.of(),
                        List.of(),
                        List.of(".md", ".jsonl"),
                        uid);
        return switch (policy.decide(path)) {
            case PathDecision.Allowed a -> a.path();
            case PathDecision.Denied d -> throw new AssertionError("denied: " + d.reason());
        };
    }
}

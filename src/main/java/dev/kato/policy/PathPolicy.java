package dev.kato.policy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The write policy ({@code security.md} §3): decides whether a requested destination may be written
 * and, if so, mints the {@link ApprovedPath} capability that writers require. Canonicalizes before
 * deciding; denies traversal, separator tricks, control characters, overlong names, paths outside
 * the allowed roots, Kato's own state directories, {@code .git} directories, disallowed extensions,
 * and existing files that are not plain, private, single-link regular files of the user.
 */
public final class PathPolicy {
    static final int MAX_PATH_BYTES = 4096;
    static final int MAX_SEGMENT_BYTES = 255;

    /** Leaves room for the temp-file prefix and suffix of an atomic replace. */
    static final int MAX_FILE_NAME_BYTES = 200;

    private final List<Path> allowedRoots;
    private final List<Path> writableKatoDirs;
    private final Path katoHome;
    private final List<Path> providerRoots;
    private final List<String> extensions;
    private final long userId;

    /**
     * @param allowedRoots absolute directories destinations must lie beneath
     * @param katoHome Kato's home; nothing under it is a destination except {@code
     *     writableKatoDirs}
     * @param writableKatoDirs the parts of {@code katoHome} that may hold destinations
     * @param providerRoots the assistants' session roots: never destinations (Kato would read its
     *     own output back as a conversation, or corrupt one)
     * @param extensions allowed file extensions, with the dot ({@code .md})
     * @param userId the uid an existing destination must be owned by
     */
    public PathPolicy(
            List<Path> allowedRoots,
            Path katoHome,
            List<Path> writableKatoDirs,
            List<Path> providerRoots,
            List<String> extensions,
            long userId) {
        this.allowedRoots = List.copyOf(allowedRoots);
        this.katoHome = requireNonNull(katoHome, "katoHome");
        this.writableKatoDirs = List.copyOf(writableKatoDirs);
        this.providerRoots = List.copyOf(providerRoots);
        this.extensions = extensions.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
        this.userId = userId;
        for (Path root : this.allowedRoots) {
            if (!root.isAbsolute()) {
                throw new IllegalArgumentException("allowed roots must be absolute");
            }
        }
    }

    /** Decides on a destination given as the user wrote it. */
    public PathDecision decide(String requested) {
        requireNonNull(requested, "requested");
        Optional<PathDecision.Denied> syntax = RequestedPathSyntax.check(requested, extensions);
        if (syntax.isPresent()) {
            return syntax.get();
        }
        try {
            return decideCanonical(Path.of(requested));
        } catch (IOException e) {
            return new PathDecision.Denied(
                    DenialReason.UNREADABLE_ATTRIBUTES,
                    "cannot inspect "
                            + requested
                            + " ("
                            + e.getClass().getSimpleName()
                            + "); choose another destination");
        }
    }

    private PathDecision decideCanonical(Path requested) throws IOException {
        if (Files.isSymbolicLink(requested)) {
            return deny(
                    DenialReason.SYMLINK,
                    requested + " is a symbolic link; write to a regular file instead");
        }
        // The final component is never resolved: it must not be a link (checked above and again at
        // write time).
        Path target =
                canonicalize(requested.getParent()).resolve(requested.getFileName().toString());
        if (containsGitDir(target)) {
            return deny(DenialReason.INSIDE_GIT_DIRECTORY, target + " is inside a .git directory");
        }
        Path canonicalHome = canonicalize(katoHome);
        if (target.startsWith(canonicalHome)
                && writableKatoDirs.stream()
                        .noneMatch(d -> target.startsWith(canonicalizeQuietly(d)))) {
            return deny(
                    DenialReason.KATO_STATE_DIRECTORY,
                    target
                            + " is inside Kato's own state; use KATO_HOME/recordings or KATO_HOME/exports");
        }
        if (providerRoots.stream().anyMatch(r -> target.startsWith(canonicalizeQuietly(r)))) {
            return deny(
                    DenialReason.PROVIDER_SESSION_DIRECTORY,
                    target
                            + " is inside an assistant's session directory; choose another destination");
        }
        Optional<Path> root = rootOf(target);
        if (root.isEmpty()) {
            return deny(
                    DenialReason.OUTSIDE_ALLOWED_ROOTS,
                    target
                            + " is outside the allowed write roots; add its directory to allowedWriteRoots in the config");
        }
        Optional<PathDecision.Denied> existing = checkExisting(target);
        if (existing.isPresent()) {
            return existing.get();
        }
        return new PathDecision.Allowed(
                ApprovedPath.approve(
                        root.get(),
                        target,
                        DestinationFormat.forFileName(target.getFileName().toString()),
                        userId));
    }

    /** The canonical root that {@code target} lies strictly beneath, if any. */
    private Optional<Path> rootOf(Path target) {
        for (Path root : allowedRoots) {
            Path canonicalRoot = canonicalizeQuietly(root);
            if (target.startsWith(canonicalRoot) && !target.equals(canonicalRoot)) {
                return Optional.of(canonicalRoot);
            }
        }
        return Optional.empty();
    }

    private Optional<PathDecision.Denied> checkExisting(Path target) throws IOException {
        PosixFileAttributes attrs;
        try {
            attrs =
                    Files.readAttributes(
                            target, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
            return new ExistingDestination(attrs.isSymbolicLink(), false, userId, false, 1)
                    .denial(target, userId);
        }
        Object uid = Files.getAttribute(target, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object links = Files.getAttribute(target, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        var perms = attrs.permissions();
        return new ExistingDestination(
                        false,
                        true,
                        uid instanceof Integer owner ? Integer.toUnsignedLong(owner) : -1,
                        perms.contains(PosixFilePermission.OWNER_EXECUTE)
                                || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                                || perms.contains(PosixFilePermission.OTHERS_EXECUTE),
                        links instanceof Integer n ? n : -1)
                .denial(target, userId);
    }

    /**
     * The real path of the deepest existing ancestor (symbolic links resolved) joined with the part
     * that does not exist yet.
     */
    static Path canonicalize(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        List<String> missing = new ArrayList<>();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.addFirst(existing.getFileName().toString());
            existing = existing.getParent();
        }
        Path real = existing == null ? absolute.getRoot() : existing.toRealPath();
        for (String part : missing) {
            real = real.resolve(part);
        }
        return real;
    }

    private static Path canonicalizeQuietly(Path path) {
        try {
            return canonicalize(path);
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static boolean containsGitDir(Path target) {
        for (Path part : target) {
            if (part.toString().equals(".git")) {
                return true;
            }
        }
        return false;
    }

    private static PathDecision.Denied deny(DenialReason reason, String message) {
        return new PathDecision.Denied(reason, message);
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}

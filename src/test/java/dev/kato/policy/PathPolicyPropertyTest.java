package dev.kato.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write policy over thousands of generated paths (seeded, so a failure reproduces): paths built
 * from roots, Kato's and the providers' directories, symlinks in and out of the root, a git
 * directory, existing files of every kind, and hostile pieces (traversal, separators, control
 * characters, long names, odd extensions). Whatever the input, "allowed" must mean: the canonical
 * target lies under an allowed root and passes every rule, checked here independently of the
 * policy's own code.
 */
class PathPolicyPropertyTest {
    private static final long SEED = 20261206L;
    private static final int CASES = 5_000;
    private static final List<String> EXTENSIONS = List.of(".md", ".markdown", ".jsonl");

    @TempDir Path tmp;
    private Path root;
    private Path home;
    private Path provider;
    private PathPolicy policy;
    private long uid;
    private final List<String> bases = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("notes")).toRealPath();
        home = Files.createDirectories(tmp.resolve("kato-home")).toRealPath();
        provider = Files.createDirectories(tmp.resolve("claude-projects")).toRealPath();
        Path outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
        Files.createDirectories(root.resolve("sub/deeper"));
        Files.createDirectories(root.resolve("repo/.git/hooks"));
        Files.createDirectories(home.resolve("recordings"));
        Files.createDirectories(home.resolve("logs"));
        Files.createSymbolicLink(root.resolve("link-out"), outside);
        Files.createSymbolicLink(root.resolve("link-in"), root.resolve("sub"));
        Files.createSymbolicLink(root.resolve("file-link.md"), outside.resolve("target.md"));
        Files.writeString(outside.resolve("target.md"), "x");
        Files.writeString(root.resolve("existing.md"), "x");
        Files.writeString(root.resolve("script.md"), "x");
        Files.setPosixFilePermissions(
                root.resolve("script.md"), PosixFilePermissions.fromString("rwx------"));
        Files.writeString(root.resolve("linked.md"), "x");
        Files.createLink(root.resolve("second-name.md"), root.resolve("linked.md"));
        Files.createDirectories(root.resolve("dir.md"));
        Files.createDirectories(provider.resolve("p"));
        uid = (Integer) Files.getAttribute(tmp, "unix:uid");
        policy =
                new PathPolicy(
                        List.of(root, home.resolve("recordings"), provider),
                        home,
                        List.of(home.resolve("recordings"), home.resolve("exports")),
                        List.of(provider),
                        EXTENSIONS,
                        uid);
        for (Path p :
                List.of(
                        root,
                        root.resolve("sub"),
                        root.resolve("sub/deeper"),
                        root.resolve("repo/.git/hooks"),
                        root.resolve("link-out"),
                        root.resolve("link-in"),
                        home,
                        home.resolve("recordings"),
                        home.resolve("logs"),
                        provider,
                        provider.resolve("p"),
                        outside,
                        tmp)) {
            bases.add(p.toString());
        }
    }

    @Test
    void allowed_alwaysMeansACanonicalTargetUnderARootThatPassesEveryRule() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        Map<DenialReason, Integer> denials = new EnumMap<>(DenialReason.class);
        int allowed = 0;
        for (int i = 0; i < CASES; i++) {
            String requested = generate(random);
            switch (policy.decide(requested)) {
                case PathDecision.Allowed a -> {
                    allowed++;
                    assertPassesEveryRule(requested, a.path());
                }
                case PathDecision.Denied d -> {
                    denials.merge(d.reason(), 1, Integer::sum);
                    assertThat(d.message()).as(requested).isNotBlank().doesNotContain("\n");
                }
            }
        }
        // The generator must reach both outcomes and most reasons, or the property proves little.
        assertThat(allowed).isGreaterThan(CASES / 10);
        assertThat(denials.keySet())
                .contains(
                        DenialReason.TRAVERSAL,
                        DenialReason.CONTROL_CHARACTER,
                        DenialReason.BAD_EXTENSION,
                        DenialReason.OUTSIDE_ALLOWED_ROOTS,
                        DenialReason.KATO_STATE_DIRECTORY,
                        DenialReason.PROVIDER_SESSION_DIRECTORY,
                        DenialReason.INSIDE_GIT_DIRECTORY,
                        DenialReason.SYMLINK,
                        DenialReason.NOT_REGULAR_FILE,
                        DenialReason.EXECUTABLE,
                        DenialReason.HARD_LINKED,
                        DenialReason.NAME_TOO_LONG,
                        DenialReason.BACKSLASH,
                        DenialReason.UNC_OR_DOUBLE_SLASH);
    }

    private String generate(SplittableRandom r) {
        StringBuilder sb = new StringBuilder(bases.get(r.nextInt(bases.size())));
        int segments = r.nextInt(4);
        for (int s = 0; s < segments; s++) {
            sb.append(separator(r)).append(segment(r));
        }
        sb.append(separator(r)).append(fileName(r));
        if (r.nextInt(40) == 0) {
            sb.append('/');
        }
        return sb.toString();
    }

    private static String separator(SplittableRandom r) {
        return switch (r.nextInt(60)) {
            case 0 -> "//";
            case 1 -> "\\";
            default -> "/";
        };
    }

    private static String segment(SplittableRandom r) {
        return switch (r.nextInt(14)) {
            case 0 -> "..";
            case 1 -> ".";
            case 2 -> ".git";
            case 3 -> "sub";
            case 4 -> "deeper";
            case 5 -> "link-in";
            case 6 -> "link-out";
            case 7 -> "dir.md";
            case 8 -> "ünï cødé";
            case 9 -> "a\u0007b";
            default -> "d" + r.nextInt(5);
        };
    }

    private static String fileName(SplittableRandom r) {
        String stem =
                switch (r.nextInt(12)) {
                    case 0 -> "existing";
                    case 1 -> "script";
                    case 2 -> "linked";
                    case 3 -> "file-link";
                    case 4 -> "dir";
                    case 5 -> "x".repeat(250);
                    case 6 -> "nul\u0000byte";
                    case 7 -> "tab\tname";
                    default -> "chat" + r.nextInt(100);
                };
        String ext =
                switch (r.nextInt(10)) {
                    case 0 -> ".sh";
                    case 1 -> ".MD";
                    case 2 -> "";
                    case 3 -> ".md.sh";
                    case 4 -> ".jsonl";
                    case 5 -> ".markdown";
                    default -> ".md";
                };
        return stem + ext;
    }

    private void assertPassesEveryRule(String requested, ApprovedPath approved) throws IOException {
        Path target = approved.target();
        assertThat(target.isAbsolute()).as(requested).isTrue();
        assertThat(target.normalize()).as(requested).isEqualTo(target);
        assertThat(requested).doesNotContain("..").doesNotContain("//").doesNotContain("\\");
        assertThat(requested.chars().noneMatch(c -> c < 0x20 || c == 0x7f)).as(requested).isTrue();
        // under an allowed root, by real path of the deepest existing ancestor
        Path existing = target;
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        Path real = Files.isSymbolicLink(existing) ? existing : existing.toRealPath();
        assertThat(real.startsWith(root) || real.startsWith(home.resolve("recordings")))
                .as(requested + " real ancestor " + real)
                .isTrue();
        assertThat(target.startsWith(provider)).as(requested).isFalse();
        assertThat(target.startsWith(home) && !target.startsWith(home.resolve("recordings")))
                .as(requested)
                .isFalse();
        for (Path part : target) {
            assertThat(part.toString()).as(requested).isNotEqualTo(".git");
            assertThat(part.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .as(requested)
                    .isLessThanOrEqualTo(255);
        }
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        assertThat(EXTENSIONS.stream().anyMatch(name::endsWith)).as(requested).isTrue();
        // every existing component from the root down is a real directory, not a link
        for (Path p = target.getParent();
                p != null && p.startsWith(approved.root());
                p = p.getParent()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                assertThat(Files.isSymbolicLink(p)).as(requested + " at " + p).isFalse();
            }
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            assertThat(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS))
                    .as(requested)
                    .isTrue();
            assertThat((Integer) Files.getAttribute(target, "unix:uid", LinkOption.NOFOLLOW_LINKS))
                    .isEqualTo((int) uid);
            assertThat(
                            (Integer)
                                    Files.getAttribute(
                                            target, "unix:nlink", LinkOption.NOFOLLOW_LINKS))
                    .isEqualTo(1);
            assertThat(Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS))
                    .as(requested)
                    .doesNotContain(
                            PosixFilePermission.OWNER_EXECUTE,
                            PosixFilePermission.GROUP_EXECUTE,
                            PosixFilePermission.OTHERS_EXECUTE);
        }
    }
}

package dev.kato.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPolicyTest {
    @TempDir Path tmp;
    private Path root;
    private Path home;
    private PathPolicy policy;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("notes"));
        home = Files.createDirectories(tmp.resolve("kato-home"));
        policy = policyWithRoots(List.of(root, home.resolve("recordings")));
    }

    private PathPolicy policyWithRoots(List<Path> roots) throws IOException {
        long uid = (Integer) Files.getAttribute(tmp, "unix:uid");
        return new PathPolicy(
                roots,
                home,
                List.of(home.resolve("recordings"), home.resolve("exports")),
                List.of(tmp.resolve("claude-projects")),
                List.of(".md", ".markdown", ".jsonl"),
                uid);
    }

    private PathDecision decide(String path) {
        return policy.decide(path);
    }

    private DenialReason denial(String path) {
        assertThat(decide(path)).isInstanceOf(PathDecision.Denied.class);
        return ((PathDecision.Denied) decide(path)).reason();
    }

    @Test
    void fileUnderRoot_isAllowed_withCanonicalTargetAndFormat() throws IOException {
        PathDecision d = decide(root + "/sub/dir/chat.md");
        assertThat(d).isInstanceOf(PathDecision.Allowed.class);
        ApprovedPath approved = ((PathDecision.Allowed) d).path();
        assertThat(approved.target()).isEqualTo(root.toRealPath().resolve("sub/dir/chat.md"));
        assertThat(approved.root()).isEqualTo(root.toRealPath());
        assertThat(approved.format()).isEqualTo(DestinationFormat.MARKDOWN);
        assertThat(((PathDecision.Allowed) decide(root + "/x.JSONL")).path().format())
                .isEqualTo(DestinationFormat.JSONL);
    }

    @ParameterizedTest
    @CsvSource({
        "'', EMPTY",
        "relative/chat.md, NOT_ABSOLUTE",
        "~/chat.md, NOT_ABSOLUTE",
        "'//server/share/chat.md', UNC_OR_DOUBLE_SLASH",
        "'\\\\?\\C:\\chat.md', UNC_OR_DOUBLE_SLASH",
        "'/a\\b/chat.md', BACKSLASH",
    })
    void malformedRequests_areDenied(String path, DenialReason reason) {
        assertThat(denial(path)).isEqualTo(reason);
    }

    @Test
    void traversalSeparatorAndControlTricks_areDenied() {
        assertThat(denial(root + "/../escape.md")).isEqualTo(DenialReason.TRAVERSAL);
        assertThat(denial(root + "/./chat.md")).isEqualTo(DenialReason.TRAVERSAL);
        assertThat(denial(root + "//chat.md")).isEqualTo(DenialReason.UNC_OR_DOUBLE_SLASH);
        assertThat(denial(root + "/chat.md/")).isEqualTo(DenialReason.UNC_OR_DOUBLE_SLASH);
        assertThat(denial(root + "/chat\u0000.md")).isEqualTo(DenialReason.CONTROL_CHARACTER);
        assertThat(denial(root + "/chat\n.md")).isEqualTo(DenialReason.CONTROL_CHARACTER);
        assertThat(denial(root + "/" + "a".repeat(256) + "/c.md"))
                .isEqualTo(DenialReason.NAME_TOO_LONG);
        assertThat(denial(root + "/" + "a".repeat(199) + ".md"))
                .isEqualTo(DenialReason.NAME_TOO_LONG);
        assertThat(denial(root + ("/" + "a".repeat(200)).repeat(21) + "/c.md"))
                .isEqualTo(DenialReason.PATH_TOO_LONG);
    }

    @Test
    void extensions_areChecked() {
        assertThat(denial(root + "/.bashrc")).isEqualTo(DenialReason.BAD_EXTENSION);
        assertThat(denial(root + "/run.sh")).isEqualTo(DenialReason.BAD_EXTENSION);
        assertThat(denial(root + "/.md")).isEqualTo(DenialReason.BAD_EXTENSION);
        assertThat(denial(root + "/x.md.kato-tmp")).isEqualTo(DenialReason.BAD_EXTENSION);
        assertThat(decide(root + "/notes.markdown")).isInstanceOf(PathDecision.Allowed.class);
    }

    @Test
    void outsideRoots_andTheRootItself_areDenied() {
        assertThat(denial(tmp + "/elsewhere/chat.md"))
                .isEqualTo(DenialReason.OUTSIDE_ALLOWED_ROOTS);
        assertThat(denial(tmp + "/notes-sibling/chat.md"))
                .isEqualTo(DenialReason.OUTSIDE_ALLOWED_ROOTS);
    }

    @Test
    void katoStateDirectories_areNeverDestinations_evenUnderARoot() throws IOException {
        policy = policyWithRoots(List.of(tmp));
        assertThat(denial(home + "/sessions/x.jsonl")).isEqualTo(DenialReason.KATO_STATE_DIRECTORY);
        assertThat(denial(home + "/logs/security-audit.jsonl"))
                .isEqualTo(DenialReason.KATO_STATE_DIRECTORY);
        assertThat(denial(home + "/kato-config.md")).isEqualTo(DenialReason.KATO_STATE_DIRECTORY);
        assertThat(decide(home + "/recordings/a.md")).isInstanceOf(PathDecision.Allowed.class);
        assertThat(decide(home + "/exports/a.md")).isInstanceOf(PathDecision.Allowed.class);
    }

    @Test
    void providerSessionDirectories_areNeverDestinations_evenUnderARoot() throws IOException {
        policy = policyWithRoots(List.of(tmp));
        assertThat(denial(tmp + "/claude-projects/p/session.jsonl"))
                .isEqualTo(DenialReason.PROVIDER_SESSION_DIRECTORY);
    }

    @Test
    void gitDirectories_areDenied() {
        assertThat(denial(root + "/repo/.git/hooks/x.md"))
                .isEqualTo(DenialReason.INSIDE_GIT_DIRECTORY);
    }

    @Test
    void symlinkedParentLeavingTheRoot_isDenied() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        assertThat(denial(root + "/link/chat.md")).isEqualTo(DenialReason.OUTSIDE_ALLOWED_ROOTS);
    }

    @Test
    void symlinkedParentStayingInsideTheRoot_resolvesToTheCanonicalTarget() throws IOException {
        Path real = Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("alias"), real);
        PathDecision d = decide(root + "/alias/chat.md");
        assertThat(((PathDecision.Allowed) d).path().target())
                .isEqualTo(real.toRealPath().resolve("chat.md"));
    }

    @Test
    void symlinkAsTheDestination_isDenied_evenPointingInside() throws IOException {
        Path inside = Files.writeString(root.resolve("real.md"), "x");
        Files.createSymbolicLink(root.resolve("link.md"), inside);
        Files.createSymbolicLink(root.resolve("bashrc.md"), tmp.resolve("bashrc"));
        assertThat(denial(root + "/link.md")).isEqualTo(DenialReason.SYMLINK);
        assertThat(denial(root + "/bashrc.md")).isEqualTo(DenialReason.SYMLINK);
    }

    @Test
    void existingFiles_mustBePlainPrivateRegularSingleLinkFiles() throws IOException {
        Files.createDirectories(root.resolve("dir.md"));
        assertThat(denial(root + "/dir.md")).isEqualTo(DenialReason.NOT_REGULAR_FILE);
        Path exe = Files.writeString(root.resolve("tool.md"), "#!/bin/sh");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(denial(root + "/tool.md")).isEqualTo(DenialReason.EXECUTABLE);
        Path linked = Files.writeString(root.resolve("a.md"), "x");
        Files.createLink(root.resolve("b.md"), linked);
        assertThat(denial(root + "/a.md")).isEqualTo(DenialReason.HARD_LINKED);
        Path plain = Files.writeString(root.resolve("plain.md"), "x");
        assertThat(decide(plain.toString())).isInstanceOf(PathDecision.Allowed.class);
    }

    @Test
    void fileOwnedByAnotherUser_isDenied() throws IOException {
        Path plain = Files.writeString(root.resolve("theirs.md"), "x");
        long uid = (Integer) Files.getAttribute(tmp, "unix:uid");
        PathPolicy otherUser =
                new PathPolicy(List.of(root), home, List.of(), List.of(), List.of(".md"), uid + 1);
        assertThat(otherUser.decide(plain.toString())).isInstanceOf(PathDecision.Denied.class);
        assertThat(((PathDecision.Denied) otherUser.decide(plain.toString())).reason())
                .isEqualTo(DenialReason.NOT_OWNED_BY_USER);
    }
}

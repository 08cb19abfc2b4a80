package dev.kato.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kato.fs.BeneathDirectory;
import dev.kato.fs.WriteOpenMechanism;
import dev.kato.policy.ApprovedPath;
import dev.kato.testing.ApprovedPaths;
import dev.kato.testing.SpecialFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The public API (the mechanism this machine probes: {@code openat2}) plus, for every operation,
 * both mechanisms through the package-private overloads: {@code OPENAT_NOFOLLOW_WALK} is forced
 * that way because this kernel has {@code openat2}.
 */
class DestinationWriterTest {
    @TempDir Path tmp;

    private ApprovedPath approve(Path root, String path) throws IOException {
        return ApprovedPaths.approve(root, path, tmp.resolve("home"));
    }

    @Test
    void replace_createsPrivateDirsAndFile_atomically() throws IOException {
        Path root = tmp.resolve("root");
        ApprovedPath dest = approve(root, root + "/a/b/chat.md");
        DestinationWriter.replace(
                dest, out -> out.write("hello\n".getBytes(StandardCharsets.UTF_8)));
        Path file = root.resolve("a/b/chat.md");
        assertThat(file).hasContent("hello");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("a"))))
                .isEqualTo("rwx------");
        DestinationWriter.replace(
                dest, out -> out.write("second\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(file).hasContent("second");
        try (var files = Files.list(root.resolve("a/b"))) {
            assertThat(files).containsExactly(file); // no temp file left behind
        }
    }

    @Test
    void failingContent_leavesTheOldFileAndNoTemp() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path file = Files.writeString(root.resolve("chat.md"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ApprovedPath dest = approve(root, file.toString());
        assertThatThrownBy(() ->
                        DestinationWriter.replace(
                                dest,
                                out -> {
                                    out.write("partial".getBytes(StandardCharsets.UTF_8));
                                    throw new IOException("disk full");
                                }))
                .isInstanceOf(IOException.class);
        assertThat(file).hasContent("old");
        try (var files = Files.list(root)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void directorySwappedForSymlinkAfterApproval_isRefused() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(root.resolve("sub"));
        ApprovedPath dest = approve(root, root + "/sub/chat.md");
        Files.delete(root.resolve("sub"));
        Files.createSymbolicLink(root.resolve("sub"), outside);
        assertThatThrownBy(() -> DestinationWriter.replace(dest, out -> out.write('x')))
                .isInstanceOf(FileSystemException.class);
        assertThat(outside.resolve("chat.md")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(WriteOpenMechanism.class)
    void everyOperation_createsPrivateDirsAndFiles(WriteOpenMechanism m) throws IOException {
        Path root = tmp.resolve("root");
        ApprovedPath dest = approve(root, root + "/a/b/chat.jsonl");
        assertThat(DestinationWriter.exists(dest, m)).isFalse();
        assertThat(DestinationWriter.size(dest, m)).isZero();
        assertThat(DestinationWriter.truncateTo(dest, 0, m)).isFalse();
        assertThat(DestinationWriter.append(dest, bytes("one\n"), m)).isZero();
        Path file = root.resolve("a/b/chat.jsonl");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(root.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(root.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(DestinationWriter.append(dest, bytes("two\n"), m)).isEqualTo(4);
        assertThat(DestinationWriter.exists(dest, m)).isTrue();
        assertThat(DestinationWriter.size(dest, m)).isEqualTo(8);
        assertThat(file).hasContent("one\ntwo");
        assertThat(DestinationWriter.truncateTo(dest, 10, m)).isFalse();
        assertThat(DestinationWriter.truncateTo(dest, 4, m)).isTrue();
        assertThat(file).hasContent("one");
        DestinationWriter.replace(dest, out -> out.write(bytes("new\n")), m);
        assertThat(file).hasContent("new");
        assertThat(mode(file)).isEqualTo("rw-------");
        try (var files = Files.list(root.resolve("a/b"))) {
            assertThat(files).containsExactly(file);
        }
    }

    @ParameterizedTest
    @EnumSource(WriteOpenMechanism.class)
    void replaceComposed_readsTheOldHead_andLeavesNoTemp(WriteOpenMechanism m) throws IOException {
        Path root = tmp.resolve("root");
        ApprovedPath dest = approve(root, root + "/c/chat.md");
        List<String> heads = new java.util.ArrayList<>();
        DestinationWriter.HeaderWriter header =
                (out, head) -> {
                    heads.add(new String(head, StandardCharsets.UTF_8));
                    out.write(bytes("---\nhead\n---\n"));
                };
        DestinationWriter.replaceComposed(dest, out -> out.write(bytes("body 1\n")), header, 8, m);
        Path file = root.resolve("c/chat.md");
        assertThat(file).hasContent("---\nhead\n---\nbody 1");
        DestinationWriter.replaceComposed(dest, out -> out.write(bytes("body 2\n")), header, 8, m);
        assertThat(heads).containsExactly("", "---\nhead");
        assertThat(file).hasContent("---\nhead\n---\nbody 2");
        assertThat(mode(file)).isEqualTo("rw-------");
        try (var files = Files.list(root.resolve("c"))) {
            assertThat(files).containsExactly(file);
        }
        assertThatThrownBy(() ->
                        DestinationWriter.replaceComposed(
                                dest,
                                out -> {
                                    throw new IOException("disk full");
                                },
                                header,
                                8,
                                m))
                .hasMessage("disk full");
        assertThat(file).hasContent("---\nhead\n---\nbody 2");
        try (var files = Files.list(root.resolve("c"))) {
            assertThat(files).containsExactly(file);
        }
    }

    /** What the policy denies before approval, the writer refuses when it appears afterwards. */
    @ParameterizedTest
    @EnumSource(WriteOpenMechanism.class)
    void destinationChangedAfterApproval_isRefusedByEveryWrite(WriteOpenMechanism m)
            throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path secret = Files.writeString(tmp.resolve("secret.md"), "secret");
        record Case(String name, String expected, Setup setup) {}
        List<Case> cases =
                List.of(
                        new Case(
                                "link.md",
                                "is a symbolic link",
                                p -> Files.createSymbolicLink(p, secret)),
                        new Case(
                                "inside-link.md",
                                "is a symbolic link",
                                p -> {
                                    Path target = Files.writeString(root.resolve("t.md"), "t");
                                    Files.createSymbolicLink(p, target);
                                }),
                        new Case("fifo.md", "regular file", SpecialFiles::mkfifo),
                        new Case(
                                "hard.md",
                                "more than one hard link",
                                p -> Files.createLink(p, privateFile(tmp.resolve("other.md")))),
                        new Case(
                                "exec.md",
                                "executable",
                                p -> {
                                    privateFile(p);
                                    Files.setPosixFilePermissions(
                                            p, PosixFilePermissions.fromString("rwx------"));
                                }));
        for (Case c : cases) {
            ApprovedPath dest = approve(root, root + "/" + c.name());
            c.setup().apply(root.resolve(c.name()));
            String before = describe(root.resolve(c.name()));
            List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> writes =
                    List.of(
                            () -> DestinationWriter.append(dest, bytes("x"), m),
                            () -> DestinationWriter.replace(dest, out -> out.write('x'), m),
                            () ->
                                    DestinationWriter.replaceComposed(
                                            dest, out -> out.write('x'), (o, h) -> {}, 8, m));
            for (var write : writes) {
                assertThatThrownBy(write)
                        .as(c.name())
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining(c.expected())
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            }
            if (!c.name().contains("link")) {
                // truncate opens the file for writing; a link is left alone ("nothing to cut")
                if (c.name().equals("fifo.md")) {
                    assertThat(DestinationWriter.truncateTo(dest, 0, m)).isFalse();
                } else {
                    assertThatThrownBy(() -> DestinationWriter.truncateTo(dest, 0, m))
                            .hasMessageContaining(c.expected());
                }
            }
            assertThat(describe(root.resolve(c.name()))).as(c.name()).isEqualTo(before);
        }
        assertThat(secret).hasContent("secret");
        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .doesNotContain("x")
                    .allMatch(n -> !n.endsWith(".kato-tmp"));
        }
    }

    @ParameterizedTest
    @EnumSource(WriteOpenMechanism.class)
    void symlinkedParent_isRefusedByEveryOperation(WriteOpenMechanism m) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("chat.md"), "outside");
        Files.createDirectories(root.resolve("sub/deeper"));
        ApprovedPath dest = approve(root, root + "/sub/deeper/chat.md");
        Files.move(root.resolve("sub"), tmp.resolve("moved"));
        Files.createSymbolicLink(root.resolve("sub"), tmp.resolve("moved"));
        List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> ops =
                List.of(
                        () -> DestinationWriter.append(dest, bytes("x"), m),
                        () -> DestinationWriter.replace(dest, out -> out.write('x'), m),
                        () ->
                                DestinationWriter.replaceComposed(
                                        dest, out -> out.write('x'), (o, h) -> {}, 8, m),
                        () -> DestinationWriter.truncateTo(dest, 0, m),
                        () -> DestinationWriter.size(dest, m),
                        () -> DestinationWriter.exists(dest, m));
        for (var op : ops) {
            assertThatThrownBy(op)
                    .isInstanceOf(FileSystemException.class)
                    .hasMessageContaining(BeneathDirectory.SWAPPED);
        }
        assertThat(DestinationWriter.exists(dest)).isFalse();
        try (var files = Files.list(tmp.resolve("moved/deeper"))) {
            assertThat(files).isEmpty();
        }
        assertThat(outside.resolve("chat.md")).hasContent("outside");
    }

    @FunctionalInterface
    private interface Setup {
        void apply(Path p) throws Exception;
    }

    private static Path privateFile(Path p) throws IOException {
        Files.writeString(p, "old");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        return p;
    }

    private static String describe(Path p) throws IOException {
        var attrs =
                Files.readAttributes(
                        p,
                        java.nio.file.attribute.PosixFileAttributes.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
        return attrs.fileKey()
                + " "
                + attrs.size()
                + " "
                + attrs.lastModifiedTime()
                + " "
                + PosixFilePermissions.toString(attrs.permissions());
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.kato.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kato.testing.SpecialFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Handle-relative file operations on the real kernel, for both mechanisms. The fallback walk is
 * forced by passing {@link WriteOpenMechanism#OPENAT_NOFOLLOW_WALK} explicitly: this machine has
 * {@code openat2}, so the probe alone would never exercise it.
 */
class BeneathDirectoryTest {
    @TempDir Path tmp;

    @Test
    void probe_findsOpenat2_onThisKernel() throws IOException {
        Assumptions.assumeTrue(
                seccompOff(), "a seccomp filter is active here, openat2 may be denied by it");
        assertThat(WriteOpenMechanism.probe()).isEqualTo(WriteOpenMechanism.OPENAT2);
        assertThat(WriteOpenMechanism.active()).isEqualTo(WriteOpenMechanism.OPENAT2);
    }

    @ParameterizedTest
    @EnumSource(WriteOpenMechanism.class)
    void descend_createsMissingDirectoriesPrivately(WriteOpenMechanism mechanism)
            throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        try (var dir = BeneathDirectory.openRoot(root, mechanism);
                var deep = dir.descend(Path.of("a/b/c"), true)) {
            assertThat(deep.path()).isEqualTo(root.resolve("a/b/c"));
            assertThat(deep.mechanism()).isEqualTo(mechanism);
            try (OpenFile f = deep.createNew("x.md")) {
                assertThat(f.status().permissions()).isEqualTo(0600);
            }
        }
        for (String d : new String[] {"a", "a/b", "a/b/c"}) {
            assertThat(mode(root.resolve(d))).isEqualTo("rwx------");
        }
        assertThat(mode(root.resolve("a/b/c/x.md"))).isEqualTo("rw-------");
    }

    @ParameterizedTest
    @EnumSource(WriteOpenMechanism.class)
    void descend_withoutCreate_reportsMissing(WriteOpenMechanism mechanism) throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Files.createDirectory(root.resolve("a"));
        try (var dir = BeneathDirectory.openRoot(root, mechanism)) {
            assertThatThrownBy(() -> dir.descend(Path.of("a/missing"), false))
                    .isInstanceOf(NoSuchFileException.class);
            assertThat(root.resolve("a/missing")).doesNotExist();
            try (var same = dir.descend(Path.of(""), false)) {
                assertThat(same.status("a")).get().matches(FileStatus::isDirectory);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(WriteOpenMechanism.class)
    void descend_refusesASymlinkOnTheWay_evenOneStayingInside(WriteOpenMechanism mechanism)
            throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.createDirectories(root.resolve("real/sub"));
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("in"), root.resolve("real"));
        try (var dir = BeneathDirectory.openRoot(root, mechanism)) {
            for (String rel : new String[] {"out", "out/x", "in/sub", "in"}) {
                assertThatThrownBy(() -> dir.descend(Path.of(rel), true))
                        .as(rel)
                        .isInstanceOf(FileSystemException.class)
                        .hasMessageContaining(BeneathDirectory.SWAPPED);
            }
        }
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void openRoot_refusesALinkOrAFile() throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        Path file = Files.writeString(tmp.resolve("file"), "x");
        for (Path bad : new Path[] {link, file}) {
            assertThatThrownBy(() -> BeneathDirectory.openRoot(bad, WriteOpenMechanism.OPENAT2))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessageContaining("symbolic link or not a directory");
        }
    }

    @ParameterizedTest
    @EnumSource(WriteOpenMechanism.class)
    void fileOperations_goThroughTheDescriptor(WriteOpenMechanism mechanism) throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        try (var dir = BeneathDirectory.openRoot(root, mechanism)) {
            try (OpenFile f = dir.createNew("t.md")) {
                try (OutputStream out = f.output()) {
                    out.write("hello world".getBytes(StandardCharsets.UTF_8));
                }
                f.sync();
                f.rewind();
                assertThat(new String(f.input().readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("hello world");
                f.truncate(5);
                assertThat(f.status().size()).isEqualTo(5);
            }
            assertThatThrownBy(() -> dir.createNew("t.md"))
                    .isInstanceOf(FileAlreadyExistsException.class);
            try (OpenFile f =
                            dir.openExisting("t.md", BeneathDirectory.Access.APPEND).orElseThrow();
                    OutputStream out = f.output()) {
                out.write('!');
            }
            assertThat(root.resolve("t.md")).hasContent("hello!");
            dir.rename("t.md", "u.md");
            dir.sync();
            assertThat(dir.status("t.md")).isEmpty();
            assertThat(dir.status("u.md")).get().matches(s -> s.isRegularFile() && s.size() == 6);
            assertThat(dir.delete("u.md")).isTrue();
            assertThat(dir.delete("u.md")).isFalse();
            assertThat(dir.openExisting("u.md", BeneathDirectory.Access.READ)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(WriteOpenMechanism.class)
    void links_areReportedNeverFollowed(WriteOpenMechanism mechanism) throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path outside = Files.writeString(tmp.resolve("secret.md"), "secret");
        Files.createSymbolicLink(root.resolve("l.md"), outside);
        try (var dir = BeneathDirectory.openRoot(root, mechanism)) {
            assertThat(dir.status("l.md")).get().matches(FileStatus::isSymbolicLink);
            assertThatThrownBy(() -> dir.openExisting("l.md", BeneathDirectory.Access.APPEND))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessageContaining("is a symbolic link");
            assertThatThrownBy(() -> dir.createNew("l.md"))
                    .isInstanceOf(FileAlreadyExistsException.class);
        }
        assertThat(outside).hasContent("secret");
    }

    @ParameterizedTest
    @EnumSource(WriteOpenMechanism.class)
    void aFifo_neverBlocks(WriteOpenMechanism mechanism) throws Exception {
        Path root = Files.createDirectory(tmp.resolve("root"));
        SpecialFiles.mkfifo(root.resolve("p.md"));
        try (var dir = BeneathDirectory.openRoot(root, mechanism)) {
            assertThat(dir.status("p.md")).get().matches(s -> !s.isRegularFile());
            assertThatThrownBy(() -> dir.openExisting("p.md", BeneathDirectory.Access.WRITE))
                    .isInstanceOf(FileSystemException.class);
            try (OpenFile f =
                    dir.openExisting("p.md", BeneathDirectory.Access.READ).orElseThrow()) {
                assertThat(f.status().isRegularFile()).isFalse();
            }
        }
    }

    @Test
    void namesMustBeSingleComponents() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        try (var dir = BeneathDirectory.openRoot(root, WriteOpenMechanism.OPENAT2)) {
            for (String bad : new String[] {"", ".", "..", "a/b", "a\0b"}) {
                assertThatThrownBy(() -> dir.createNew(bad))
                        .as(bad)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> dir.descend(Path.of("a/../.."), true))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static boolean seccompOff() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.replaceAll("\\s+", " ").equals("Seccomp: 0"));
    }
}

package dev.kato.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kato.policy.ApprovedPath;
import dev.kato.policy.PathDecision;
import dev.kato.policy.PathPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DestinationWriterTest {
    @TempDir Path tmp;

    private ApprovedPath approve(Path root, String path) throws IOException {
        long uid = (Integer) Files.getAttribute(tmp, "unix:uid");
        PathPolicy policy =
                new PathPolicy(
                        List.of(root),
                        tmp.resolve("home"),
                        List.of(),
                        List.of(),
                        List.of(".md", ".jsonl"),
                        uid);
        return ((PathDecision.Allowed) policy.decide(path)).path();
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
}

package dev.kato.ingest;

import static dev.kato.ingest.IngestFiles.append;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.ingest.DirectorySnapshot.Change;
import dev.kato.ingest.DirectorySnapshot.ChangeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySnapshotTest {
    @TempDir Path dir;

    private DirectorySnapshot scan(List<Path> subdirs) throws IOException {
        return DirectorySnapshot.scan(dir, p -> p.toString().endsWith(".jsonl"), subdirs::add);
    }

    @Test
    void diff_reportsAppearedChangedRemoved_andReplacementAsChanged() throws IOException {
        append(dir.resolve("a.jsonl"), "1\n");
        append(dir.resolve("b.jsonl"), "1\n");
        append(dir.resolve("c.jsonl"), "1\n");
        append(dir.resolve("ignored.txt"), "x");
        Files.createDirectory(dir.resolve("sub"));
        List<Path> subdirs = new ArrayList<>();
        DirectorySnapshot before = scan(subdirs);
        assertThat(before.files()).hasSize(3);
        assertThat(subdirs).containsExactly(dir.resolve("sub"));

        append(dir.resolve("a.jsonl"), "2\n");
        Files.delete(dir.resolve("b.jsonl"));
        append(dir.resolve("d.jsonl"), "1\n");
        append(dir.resolve("c.tmp"), "1\n"); // same size and content, new identity
        Files.move(
                dir.resolve("c.tmp"), dir.resolve("c.jsonl"), StandardCopyOption.REPLACE_EXISTING);
        DirectorySnapshot after = scan(new ArrayList<>());

        assertThat(before.diff(after))
                .containsExactly(
                        new Change(dir.resolve("a.jsonl"), ChangeKind.CHANGED),
                        new Change(dir.resolve("b.jsonl"), ChangeKind.REMOVED),
                        new Change(dir.resolve("c.jsonl"), ChangeKind.CHANGED),
                        new Change(dir.resolve("d.jsonl"), ChangeKind.APPEARED));
        assertThat(after.diff(after)).isEmpty();
    }

    @Test
    void restat_looksOnlyAtTheNamedFiles() throws IOException {
        append(dir.resolve("a.jsonl"), "1\n");
        append(dir.resolve("b.jsonl"), "1\n");
        DirectorySnapshot before = scan(new ArrayList<>());
        append(dir.resolve("a.jsonl"), "2\n");
        append(dir.resolve("b.jsonl"), "2\n");

        DirectorySnapshot after =
                before.restat(Set.of(dir.resolve("a.jsonl")), p -> p.toString().endsWith(".jsonl"));

        assertThat(before.diff(after))
                .containsExactly(new Change(dir.resolve("a.jsonl"), ChangeKind.CHANGED));
        assertThat(before.files()).hasSize(2); // immutable: the old snapshot is unchanged
        assertThat(after.toString()).doesNotContain(dir.toString());
    }
}

package dev.kato.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashChainedAuditLogTest {
    /** A fixed clock: a test double for time only. */
    private static final InstantSource CLOCK =
            InstantSource.fixed(Instant.parse("2026-11-23T12:00:00Z"));

    @TempDir Path tmp;
    private Path file;
    private HashChainedAuditLog log;

    @BeforeEach
    void setUp() throws IOException {
        file = tmp.resolve("logs/security-audit.jsonl");
        log = new HashChainedAuditLog(file, CLOCK);
        log.record(new AuditEvent.ConfigLoaded("/home/u/.kato/kato-config.yaml", "a".repeat(64)));
        log.record(
                new AuditEvent.PathDecided("c-1", "/home/u/notes/x.md", true, "", "a".repeat(64)));
        log.record(
                new AuditEvent.PathDecided(
                        "c-2", "/etc/passwd.md", false, "OUTSIDE_ALLOWED_ROOTS", "a".repeat(64)));
        log.record(
                new AuditEvent.FileWritten(
                        "c-1", "/home/u/notes/x.md", "markdown", 10, "c5301807"));
    }

    private List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(file));
    }

    private void write(List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    @Test
    void intactLog_verifies_andIsPrivate() throws IOException {
        assertThat(AuditVerifier.verify(file)).isEqualTo(new AuditVerifier.Result.Valid(4));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(lines().get(1))
                .startsWith(
                        "{\"v\":1,\"seq\":2,\"ts\":\"2026-11-23T12:00:00Z\",\"type\":\"path.decision\",\"correlationId\":\"c-1\",");
    }

    @Test
    void tamperedRecord_isNamed() throws IOException {
        List<String> l = lines();
        l.set(2, l.get(2).replace("\"allowed\":false", "\"allowed\":true"));
        write(l);
        assertThat(AuditVerifier.verify(file))
                .isEqualTo(
                        new AuditVerifier.Result.Broken(
                                3, "the record was changed (its hash does not match its content)"));
    }

    @Test
    void deletedRecord_isNamed() throws IOException {
        List<String> l = lines();
        l.remove(1);
        write(l);
        AuditVerifier.Result r = AuditVerifier.verify(file);
        assertThat(r).isInstanceOf(AuditVerifier.Result.Broken.class);
        assertThat(((AuditVerifier.Result.Broken) r).line()).isEqualTo(2);
    }

    @Test
    void reorderedRecords_areNamed() throws IOException {
        List<String> l = lines();
        String two = l.get(1);
        l.set(1, l.get(2));
        l.set(2, two);
        write(l);
        AuditVerifier.Result r = AuditVerifier.verify(file);
        assertThat(((AuditVerifier.Result.Broken) r).line()).isEqualTo(2);
    }

    @Test
    void truncatedFile_isNamed() throws IOException {
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 20));
        AuditVerifier.Result r = AuditVerifier.verify(file);
        assertThat(r)
                .isEqualTo(
                        new AuditVerifier.Result.Broken(
                                4, "the last record is incomplete (the file was truncated)"));
    }

    @Test
    void recomputedHashWithoutRelinking_isStillCaught() throws IOException {
        // An attacker who edits a record and fixes its own hash still breaks the next record's
        // link.
        List<String> l = lines();
        String edited = l.get(1).replace("/home/u/notes/x.md", "/home/u/notes/y.md");
        int at = edited.lastIndexOf(",\"hash\":\"");
        String body = edited.substring(0, at) + "}";
        l.set(
                1,
                body.substring(0, body.length() - 1)
                        + ",\"hash\":\""
                        + AuditHashes.sha256Hex(body)
                        + "\"}");
        write(l);
        assertThat(((AuditVerifier.Result.Broken) AuditVerifier.verify(file)).line()).isEqualTo(3);
    }

    @Test
    void concurrentWriters_fromManyThreads_keepOneChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            futures.add(
                    pool.submit(() -> {
                        new HashChainedAuditLog(file, CLOCK)
                                .record(
                                        new AuditEvent.PathDecided(
                                                "c" + n, "/p/" + n + ".md", true, "", "v"));
                        return null;
                    }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(AuditVerifier.verify(file)).isEqualTo(new AuditVerifier.Result.Valid(204));
    }

    @Test
    void noRecordHoldsAnythingButItsFields() throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text.lines())
                .allMatch(l ->
                        l.matches(
                                "\\{\"v\":1,\"seq\":\\d+,.*,\"prevHash\":\"[0-9a-f]{64}\",\"hash\":\"[0-9a-f]{64}\"}"));
    }
}

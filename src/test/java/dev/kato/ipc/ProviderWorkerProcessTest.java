package dev.kato.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kato.config.SandboxMode;
import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.ingest.IngestCursor;
import dev.kato.ingest.Provenance;
import dev.kato.sandbox.ConfinedLauncher;
import dev.kato.sandbox.Envelope;
import dev.kato.sandbox.Landlock;
import dev.kato.sandbox.WorkerMain;
import dev.kato.sandbox.WorkerRuntime;
import dev.kato.vault.EventReadResult;
import dev.kato.vault.JsonlEventReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider worker as a real process, confined by the kernel: it reads its provider's roots and
 * reports canonical events, resumes at the cursors it is given, proves at start that it can read
 * nothing else and write nothing (its probes), refuses to run without Landlock under {@code
 * sandbox.mode: required}, and ends on a frame the protocol does not allow.
 */
class ProviderWorkerProcessTest {
    private static final Path FIXTURE = Path.of("../shared/fixtures/kato/claude-session.jsonl");

    @TempDir Path tmp;
    private Path root;
    private Path log;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(
                Landlock.abi() >= 1,
                "skipped: Landlock is not available on this kernel (or platform)");
        root = Files.createDirectories(tmp.resolve("claude/projects"));
        log = Files.createDirectories(root.resolve("-work-p")).resolve("s-1.jsonl");
        Files.copy(FIXTURE, log);
        config = Files.writeString(tmp.resolve("kato-config.yaml"), "schemaVersion: 1\n");
    }

    private ProviderProcess worker(SandboxMode mode, boolean landlock) throws IOException {
        return ProviderProcess.start(
                new ProviderStart(mode, Provider.CLAUDE, List.of(root), Optional.of(config)),
                WorkerRuntime.current(Optional.empty()),
                landlock);
    }

    private static Optional<ProviderMessage> next(ProviderProcess w) throws Exception {
        CompletableFuture<Optional<ProviderMessage>> f = new CompletableFuture<>();
        Thread.ofVirtual()
                .start(() -> {
                    try {
                        f.complete(w.next());
                    } catch (IOException e) {
                        f.completeExceptionally(e);
                    }
                });
        return f.get(20, TimeUnit.SECONDS);
    }

    /**
     * Every report until a batch reaches {@code offset} of the log (the scan's end is reported once
     * the files are found, before they are read).
     */
    private static List<ProviderMessage> until(ProviderProcess w, long offset) throws Exception {
        List<ProviderMessage> got = new ArrayList<>();
        while (true) {
            ProviderMessage m = next(w).orElseThrow();
            got.add(m);
            if (m instanceof ProviderMessage.Batch b && b.cursor().offset() >= offset) {
                return got;
            }
        }
    }

    private static List<ConversationEvent> events(List<ProviderMessage> messages) {
        JsonlEventReader reader = new JsonlEventReader();
        List<ConversationEvent> out = new ArrayList<>();
        for (ProviderMessage m : messages) {
            if (m instanceof ProviderMessage.Batch b) {
                for (int i = 0; i < b.lines(); i++) {
                    var read = reader.read(b.data(), b.starts()[i], b.lengths()[i]);
                    out.add(((EventReadResult.Parsed) read).event());
                }
            }
        }
        return out;
    }

    private static String proc(long pid, String file) throws IOException {
        return Files.readString(
                Path.of("/proc", Long.toString(pid), file), StandardCharsets.ISO_8859_1);
    }

    private void appendUserLine(String text) throws IOException {
        Files.writeString(
                log,
                "{\"type\":\"user\",\"sessionId\":\"s-1\",\"uuid\":\"u-live\",\"timestamp\":\""
                        + Instant.now()
                        + "\",\"promptSource\":\"typed\",\"message\":{\"role\":\"user\","
                        + "\"content\":\""
                        + text
                        + "\"}}\n",
                StandardOpenOption.APPEND);
    }

    @Test
    void confinedWorker_reportsHistoryAndLiveAppends_asCanonicalEvents() throws Exception {
        try (ProviderProcess w = worker(SandboxMode.REQUIRED, true)) {
            assertThat(w.ready().landlock()).isTrue();
            assertThat(w.ready().seccomp()).isTrue();
            assertThat(w.ready().undenied())
                    .as("read, write, exec, tcp, unix, chmod and env probes")
                    .isEmpty();
            assertThat(proc(w.pid(), "status"))
                    .containsPattern("Seccomp:\\s+2")
                    .containsPattern("NoNewPrivs:\\s+1");
            assertThat(proc(w.pid(), "environ")).isEqualTo("LC_ALL=C.UTF-8\0");

            w.begin(List.of());
            List<ProviderMessage> history = until(w, Files.size(log));
            assertThat(history).contains(new ProviderMessage.Scanned());
            assertThat(history.getFirst())
                    .isEqualTo(
                            new ProviderMessage.Appeared(
                                    new dev.kato.ingest.SessionFile(
                                            Provider.CLAUDE,
                                            log,
                                            dev.kato.provider.FileRole.MAIN,
                                            null),
                                    true));
            List<ProviderMessage.Batch> batches =
                    history.stream()
                            .filter(ProviderMessage.Batch.class::isInstance)
                            .map(ProviderMessage.Batch.class::cast)
                            .toList();
            assertThat(batches)
                    .isNotEmpty()
                    .allSatisfy(
                            b -> assertThat(b.provenance()).isEqualTo(Provenance.PRESENT_AT_START));
            assertThat(batches.getLast().cursor().offset()).isEqualTo(Files.size(log));
            assertThat(events(history))
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.meta().provider()).isEqualTo(Provider.CLAUDE));

            long before = Files.size(log);
            appendUserLine("typed while the worker runs");
            ProviderMessage live = until(w, before + 1).getLast();
            assertThat(((ProviderMessage.Batch) live).provenance()).isEqualTo(Provenance.LIVE);
            assertThat(events(List.of(live)))
                    .singleElement()
                    .satisfies(e -> assertThat(e.meta().providerEventId()).isEqualTo("u-live"));
        }
    }

    @Test
    void givenCursors_itReadsOnFromThem() throws Exception {
        Object key = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
        try (ProviderProcess w = worker(SandboxMode.REQUIRED, true)) {
            w.begin(
                    List.of(
                            new ProviderRequest.FileCursor(
                                    log, new IngestCursor(String.valueOf(key), Files.size(log)))));
            long before = Files.size(log);
            appendUserLine("after the cursor");
            assertThat(events(until(w, before + 1)))
                    .as("nothing before the cursor again")
                    .singleElement()
                    .satisfies(e -> assertThat(e.meta().providerEventId()).isEqualTo("u-live"));
        }
    }

    @Test
    void withoutLandlock_itsProbesCatchTheReadAndWrite_andRequiredRefusesToRun() throws Exception {
        try (ProviderProcess w = worker(SandboxMode.REQUIRED, false)) {
            assertThat(w.ready().landlock()).isFalse();
            assertThat(w.ready().seccomp()).isTrue();
            assertThat(w.ready().undenied().split(",")).containsExactlyInAnyOrder("write", "read");
            assertThat(next(w)).isEmpty();
            assertThat(w.endReport()).startsWith("exit code 3");
        }
        assertThat(Files.list(root).map(p -> p.getFileName().toString()))
                .as("the write probe left nothing behind")
                .containsExactly("-work-p");
    }

    @Test
    void aFrameOutsideTheProtocol_endsTheWorker() throws Exception {
        ProcessBuilder pb =
                ConfinedLauncher.confined(
                        new Envelope.ProviderWorker(List.of(root)),
                        WorkerRuntime.current(Optional.empty()),
                        WorkerMain.PROVIDER,
                        new ProviderStart(
                                        SandboxMode.REQUIRED,
                                        Provider.CLAUDE,
                                        List.of(root),
                                        Optional.of(config))
                                .encode(),
                        Map.of());
        for (byte[] garbage :
                List.of(
                        "not a frame at all".getBytes(StandardCharsets.US_ASCII),
                        new byte[] {'w', 1, 99, 0, 0, 0, 0}, // unknown type
                        new byte[] {'w', 1, ProviderRequest.CURSORS, 0, 0, 0, 4, 0, 0, 0, 9})) {
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(garbage);
            }
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(4);
        }
    }
}

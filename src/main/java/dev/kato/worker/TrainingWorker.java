package dev.kato.worker;

import dev.kato.config.ConfigLoader;
import dev.kato.config.ConfigResult;
import dev.kato.config.Environment;
import dev.kato.config.InvalidEnvironmentException;
import dev.kato.config.KatoConfig;
import dev.kato.event.Provider;
import dev.kato.ingest.IngestBatch;
import dev.kato.ingest.IngestCursor;
import dev.kato.ingest.IngestListener;
import dev.kato.ingest.LiveIngest;
import dev.kato.ingest.LiveIngestOptions;
import dev.kato.ingest.Provenance;
import dev.kato.ingest.SessionFile;
import dev.kato.ingest.SessionFileReader;
import dev.kato.ingest.TailStatus;
import dev.kato.provider.FileRole;
import dev.kato.provider.ParsedBatch;
import dev.kato.provider.ParserLimits;
import dev.kato.vault.LineSkimmer;
import dev.kato.vault.RenderedBatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The JVM whose run {@code kato aot-worker-training} records into the workers' AOT cache. First the
 * provider workers' path, in this process, over the synthetic sessions bundled in the jar: each
 * file read and parsed, its events rendered and framed as a provider worker does (to nowhere), and
 * the lines skimmed as the daemon does; a live ingest is started over them once, so its watcher and
 * tail classes load too. The cache then holds these classes, loaded and linked, and the method
 * profiles of that path, for a provider worker's first start. The daemon, which maps the same
 * cache, gets its config parser's classes from a few rounds over a bundled config. Then it is a
 * writer worker driven through its pipe, as before.
 *
 * <p>Not a {@code WorkerMain}: the trampoline cannot re-execute into it, and no confined process
 * runs it.
 */
public final class TrainingWorker {
    /** Rounds over the bundled sessions: enough calls for C2 to compile the hot path. */
    private static final int ROUNDS = 40;

    /** Rounds over the training config: its parser and validation are cold code otherwise. */
    private static final int CONFIG_ROUNDS = 10;

    private static final LineSkimmer SKIMMER = new LineSkimmer();

    /** Provider, bundled resource, and where a provider keeps such a file under its root. */
    private static final List<Session> SESSIONS =
            List.of(
                    new Session(
                            Provider.CLAUDE,
                            "claude.jsonl",
                            "-home-dev-training/0d5e1f3a-training.jsonl"),
                    new Session(
                            Provider.CODEX,
                            "codex.jsonl",
                            "2026/11/01/rollout-2026-11-01T09-00-00-training.jsonl"),
                    new Session(
                            Provider.GEMINI,
                            "gemini.json",
                            "training/chats/session-2026-11-01T09-00-training.json"));

    private record Session(Provider provider, String resource, String path) {}

    private TrainingWorker() {}

    /** {@code argv} is a writer worker's, handed on after the provider path's training. */
    public static void main(String[] argv) {
        try {
            trainProviderPath();
        } catch (IOException | RuntimeException e) {
            System.err.println("kato training: provider path failed: " + e.getClass().getName());
            System.exit(1);
        } catch (InterruptedException e) {
            System.exit(1);
        }
        WriterWorker.main(argv);
    }

    /** The home directory the training config's paths live under; nothing is read there. */
    public static Environment trainingEnvironment() throws IOException {
        try {
            return Environment.of(Map.of(), Path.of("/home/training"));
        } catch (InvalidEnvironmentException e) {
            throw new IOException("the training environment is refused", e);
        }
    }

    /**
     * The config as a start loads it, for the caches: the bundled training config (every section of
     * the one {@code kato init} writes) parsed and validated, and a broken one refused, over a few
     * rounds. Reads no user file. Returns the parsed config.
     */
    public static KatoConfig trainConfig(Environment env) throws IOException {
        byte[] good = resource("kato-config.yaml");
        byte[] broken =
                "schemaVersion: 1\nproviderSessionRoots: [\n".getBytes(StandardCharsets.UTF_8);
        KatoConfig config = null;
        for (int round = 0; round < CONFIG_ROUNDS; round++) {
            if (ConfigLoader.parse(good, env) instanceof ConfigResult.Loaded loaded) {
                config = loaded.config();
            }
            ConfigLoader.parse(broken, env);
        }
        if (config == null) {
            throw new IOException("the bundled training config does not load");
        }
        return config;
    }

    private static void trainProviderPath() throws IOException, InterruptedException {
        trainConfig(trainingEnvironment()); // the daemon, which shares this cache, loads one
        Path root = Files.createTempDirectory("kato-aot-provider");
        try {
            List<SessionFile> files = new ArrayList<>();
            for (Session s : SESSIONS) {
                Path file = root.resolve(s.provider().id()).resolve(s.path());
                Files.createDirectories(file.getParent());
                Files.write(file, resource(s.resource()));
                files.add(new SessionFile(s.provider(), file, FileRole.MAIN, null));
            }
            ProviderWorker.Reporter reporter =
                    new ProviderWorker.Reporter(OutputStream.nullOutputStream());
            SessionFileReader reader =
                    new SessionFileReader(ParserLimits.DEFAULT.keepingTextSpelling());
            for (int round = 0; round < ROUNDS; round++) {
                for (SessionFile file : files) {
                    ParsedBatch got = new ParsedBatch();
                    reader.readAll(file, got);
                    reporter.batch(
                            new IngestBatch(
                                    file,
                                    Provenance.PRESENT_AT_START,
                                    got.events(),
                                    got.anomalies(),
                                    new IngestCursor("training", Files.size(file.path()))));
                    skim(RenderedBatch.of(got.events()));
                }
            }
            for (Session s : SESSIONS) {
                startAndScan(s.provider(), root.resolve(s.provider().id()));
            }
        } finally {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The daemon's check of each line of a batch. */
    private static void skim(RenderedBatch batch) {
        byte[] bytes = batch.lineBytes();
        int start = 0;
        for (int end : batch.lineEnds()) {
            if (SKIMMER.read(bytes, start, end - start).isEmpty()) {
                throw new IllegalStateException("a rendered training line did not read back");
            }
            start = end;
        }
    }

    /** A live ingest of {@code root} started, its first scan awaited, and closed. */
    private static void startAndScan(Provider provider, Path root)
            throws IOException, InterruptedException {
        LiveIngest ingest =
                new LiveIngest(
                        Map.of(provider, List.of(root)),
                        Map.of(),
                        LiveIngestOptions.DEFAULT,
                        new Discard(),
                        Thread.ofPlatform().name("kato-training-read-", 0).daemon().factory(),
                        InstantSource.system());
        try {
            ingest.start();
            ingest.awaitInitialScan(Duration.ofSeconds(30));
        } finally {
            ingest.close();
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in =
                TrainingWorker.class.getResourceAsStream("/dev/kato/cli/training/" + name)) {
            if (in == null) {
                throw new IOException("training resource missing: " + name);
            }
            return in.readAllBytes();
        }
    }

    /** What a live ingest finds during training: dropped. */
    private static final class Discard implements IngestListener {
        @Override
        public void fileAppeared(SessionFile file, boolean presentAtStart) {}

        @Override
        public void batch(IngestBatch batch) {}

        @Override
        public void fileReset(SessionFile file, TailStatus reason) {}

        @Override
        public void fileRemoved(SessionFile file) {}

        @Override
        public void failed(@Nullable SessionFile file, Exception cause) {}

        @Override
        public void stopped(Error cause) {}
    }
}

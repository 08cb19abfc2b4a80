package dev.kato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kato.ipc.WriterChannel;
import dev.kato.ipc.WriterStart;
import dev.kato.sandbox.ArchiveBase;
import dev.kato.sandbox.Role;
import dev.kato.sandbox.WorkerCommand;
import dev.kato.sandbox.WorkerMain;
import dev.kato.sandbox.WorkerRuntime;
import dev.kato.testing.KatoProcess;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workers' AOT cache as {@code bin/kato} builds it ({@code kato aot-worker-training}, a real
 * process): two real workers map it at the same randomly drawn address, unrelocated, so the kernel
 * shares its clean pages between them instead of each JVM keeping a relocated private copy.
 */
class WorkerArchiveProcessTest {
    @TempDir Path tmp;

    @Test
    void twoWorkers_mapTheCacheAtItsRandomBase_andShareItsPages() throws Exception {
        Path cache = tmp.resolve("kato-worker.aot");
        KatoProcess.Result train =
                KatoProcess.run(
                        Map.of("HOME", tmp.toString(), "PATH", "/usr/bin:/bin"),
                        tmp,
                        "aot-worker-training",
                        cache.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(cache).isRegularFile();

        WorkerRuntime runtime = WorkerRuntime.current(Optional.of(cache));
        List<Process> workers = new ArrayList<>();
        try {
            List<List<Mapping>> mapped = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Process worker = startWriter(runtime, tmp.resolve("w" + i));
                workers.add(worker);
                mapped.add(mappingsOf(worker.pid(), cache));
            }
            List<Mapping> first = mapped.get(0);
            assertThat(first).as("the cache is mapped").isNotEmpty();
            long base = first.getFirst().start() & ~(ArchiveBase.ALIGNMENT - 1);
            // not the JDK's own default base (32 GiB), and not a relocated copy somewhere else
            assertThat(base).isBetween(ArchiveBase.LOWEST, ArchiveBase.HIGHEST - 1);
            assertThat(mapped.get(1))
                    .extracting(Mapping::start)
                    .isEqualTo(first.stream().map(Mapping::start).toList());
            for (Process w : workers) {
                assertThat(sharedKb(w.pid(), first))
                        .as("pages of the cache shared with the other worker")
                        .isGreaterThan(1024);
            }
        } finally {
            for (Process w : workers) {
                w.getOutputStream().close();
                if (!w.waitFor(20, TimeUnit.SECONDS)) {
                    w.destroyForcibly();
                }
            }
        }
    }

    /**
     * Run from Kato's jar, as {@code bin/kato} does (a JVM caches no classes from a directory,
     * which is where this test run's own classes are), the training puts the provider workers' path
     * in the cache next to the writer's: a provider worker, and the daemon, which skims the lines,
     * find those classes there instead of loading them from the jar.
     */
    @Test
    void training_fromTheJar_cachesTheProviderWorkersPath() throws Exception {
        List<Path> modulePath = jarModulePath();
        WorkerRuntime runtime =
                new WorkerRuntime(
                        Path.of(System.getProperty("java.home")),
                        modulePath,
                        Optional.of(tmp.resolve("kato-worker.aot")));
        Process train =
                new ProcessBuilder(
                                runtime.javaLauncher().toString(),
                                "-XX:+UseSerialGC",
                                "--enable-native-access=dev.kato",
                                "-p",
                                runtime.modulePathArgument(),
                                "-m",
                                "dev.kato/dev.kato.cli.Main",
                                "aot-worker-training",
                                runtime.aotCache().orElseThrow().toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        assertThat(train.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(train.exitValue()).isZero();

        assertThat(loadedFromCache(runtime, tmp.resolve("classes.log")))
                .contains(
                        "dev.kato.provider.claude.ClaudeRecordParser",
                        "dev.kato.provider.codex.CodexRecordParser",
                        "dev.kato.provider.gemini.GeminiDocumentParser",
                        "dev.kato.writer.JsonlRenderer",
                        "dev.kato.vault.LineSkimmer",
                        "dev.kato.ingest.LiveIngest",
                        "dev.kato.worker.WriterWorker",
                        // the daemon's config load, which maps the same cache
                        "dev.kato.config.ConfigReader",
                        "org.snakeyaml.engine.v2.parser.ParserImpl");
    }

    /**
     * The CLI's training ({@code aot-training}, as {@code bin/kato} records it) goes through {@code
     * kato start} up to the daemon's spawn: a CLI started with that cache finds the config reader,
     * the YAML parser and the confined launcher there.
     */
    @Test
    void cliTraining_cachesTheStartPath() throws Exception {
        List<Path> modulePath = jarModulePath();
        String mp =
                String.join(
                        java.io.File.pathSeparator,
                        modulePath.stream().map(Path::toString).toList());
        Path cache = tmp.resolve("kato.aot");
        assertThat(runCli(mp, "-XX:AOTCacheOutput=" + cache, "aot-training", 120)).isZero();
        assertThat(cache).isRegularFile();

        Path log = tmp.resolve("cli-classes.log");
        runCli(mp, "-XX:AOTCache=" + cache + " -Xlog:class+load=info:file=" + log, "--version", 30);
        assertThat(cachedClasses(log))
                .contains(
                        "dev.kato.config.ConfigReader",
                        "org.snakeyaml.engine.v2.parser.ParserImpl",
                        "dev.kato.sandbox.ConfinedLauncher");
    }

    /** Runs the CLI (C1, SerialGC) with {@code cacheFlags} (space-separated); its exit code. */
    private static int runCli(String modulePath, String cacheFlags, String command, int seconds)
            throws IOException, InterruptedException {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-XX:+UseSerialGC",
                                "-XX:TieredStopAtLevel=1"));
        cmd.addAll(List.of(cacheFlags.split(" ")));
        cmd.addAll(
                List.of(
                        "--enable-native-access=dev.kato",
                        "-p",
                        modulePath,
                        "-m",
                        "dev.kato/dev.kato.cli.Main",
                        command));
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    /** The classes a class-load log says came from the AOT cache. */
    private static List<String> cachedClasses(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(l -> l.endsWith("source: shared objects file"))
                .map(l -> l.replaceAll("^.*\\] (\\S+) source: shared objects file$", "$1"))
                .toList();
    }

    /** This test run's module path, with Kato's classes packed into a jar (the cache needs one). */
    private List<Path> jarModulePath() {
        List<Path> modulePath = new ArrayList<>();
        for (String entry : KatoProcess.modulePath().split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isRegularFile(p.resolve("module-info.class"))) {
                Path jar = tmp.resolve("kato.jar");
                int rc =
                        java.util.spi.ToolProvider.findFirst("jar")
                                .orElseThrow()
                                .run(
                                        System.out,
                                        System.err,
                                        "--create",
                                        "--file",
                                        jar.toString(),
                                        "-C",
                                        p.toString(),
                                        ".");
                assertThat(rc).isZero();
                modulePath.add(jar);
            } else if (!Files.isDirectory(p)) {
                modulePath.add(p);
            }
        }
        return modulePath;
    }

    private static Process startWriter(WorkerRuntime runtime, Path dir) throws IOException {
        Files.createDirectories(dir);
        WriterStart start = WorkerTrainCommand.unconfinedStart(dir, dir.resolve("chat.md"));
        Process worker =
                new ProcessBuilder(
                                WorkerCommand.worker(
                                        runtime,
                                        Role.WRITER_WORKER,
                                        WorkerMain.WRITER,
                                        start.encode()))
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        new WriterChannel(
                        new BufferedInputStream(worker.getInputStream()),
                        new BufferedOutputStream(worker.getOutputStream()))
                .awaitReady();
        return worker;
    }

    /**
     * The Kato classes a provider worker JVM loads from the cache: one started with no arguments
     * (it refuses them and exits), logging each class it loads and from where.
     */
    private static List<String> loadedFromCache(WorkerRuntime runtime, Path log)
            throws IOException, InterruptedException {
        List<String> cmd =
                new ArrayList<>(
                        WorkerCommand.worker(
                                runtime, Role.PROVIDER_WORKER, WorkerMain.PROVIDER, List.of()));
        // after the worker's own flags, which turn all logging off
        cmd.add(cmd.indexOf("-p"), "-Xlog:class+load=info:file=" + log);
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return cachedClasses(log);
    }

    private record Mapping(long start, long end) {}

    private static List<Mapping> mappingsOf(long pid, Path file) throws IOException {
        List<Mapping> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/maps"))) {
            if (line.endsWith(" " + file)) {
                String[] range = line.substring(0, line.indexOf(' ')).split("-");
                out.add(
                        new Mapping(
                                Long.parseUnsignedLong(range[0], 16),
                                Long.parseUnsignedLong(range[1], 16)));
            }
        }
        return out;
    }

    /**
     * The kilobytes of {@code pid} within the given mappings that another process maps too ({@code
     * Shared_Dirty} counts: a cache written moments ago may not be written back yet).
     */
    private static long sharedKb(long pid, List<Mapping> mappings) throws IOException {
        long kb = 0;
        boolean inside = false;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps"))) {
            if (Character.isDigit(line.charAt(0)) || Character.isLowerCase(line.charAt(0))) {
                if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                    long start = Long.parseUnsignedLong(line.substring(0, line.indexOf('-')), 16);
                    inside = mappings.stream().anyMatch(m -> m.start() == start);
                }
            } else if (inside
                    && (line.startsWith("Shared_Clean:") || line.startsWith("Shared_Dirty:"))) {
                kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return kb;
    }
}

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

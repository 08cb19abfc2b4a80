package dev.kato.cli;

import dev.kato.config.SandboxMode;
import dev.kato.ipc.WriterChannel;
import dev.kato.ipc.WriterStart;
import dev.kato.sandbox.ArchiveBase;
import dev.kato.sandbox.WorkerCommand;
import dev.kato.sandbox.WorkerRuntime;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Hidden: records the AOT cache that the workers, their trampolines and the daemon use, so a new
 * destination's writer is up sooner and a provider worker starts with its parser's classes and
 * method profiles. Runs the training JVM ({@code dev.kato.worker.TrainingWorker}) unconfined
 * ({@code sandbox.mode: off}) with a provider worker's JVM flags plus the recording flags: it
 * trains the provider workers' path on the bundled synthetic sessions, then becomes a writer worker
 * on a temporary file, whose every operation this command drives through its pipe. Then it
 * assembles the cache at a base address drawn at random ({@link ArchiveBase}). {@code bin/kato}
 * runs it after a build.
 */
@Command(name = "aot-worker-training", hidden = true)
final class WorkerTrainCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The AOT cache file to write.")
    Path cache;

    /** An unconfined writer's start for {@code destination}, allowed to write in {@code dir}. */
    static WriterStart unconfinedStart(Path dir, Path destination) throws IOException {
        long uid = (Integer) Files.getAttribute(dir, "unix:uid");
        return new WriterStart(
                SandboxMode.OFF,
                destination,
                List.of(dir),
                dir.resolve("home"),
                List.of(),
                List.of(),
                List.of(".md"),
                uid,
                Optional.empty());
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        WorkerRuntime runtime = WorkerRuntime.current(Optional.empty());
        Path dir = Files.createTempDirectory("kato-aot-worker").toRealPath();
        Path configuration = dir.resolve("worker.aotconf");
        ArchiveBase base = ArchiveBase.random(new SecureRandom());
        try {
            WriterStart start = unconfinedStart(dir, dir.resolve("training.md"));
            Process worker =
                    new ProcessBuilder(
                                    WorkerCommand.aotTraining(
                                            runtime, start.encode(), configuration, base))
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            WriterChannel ch =
                    new WriterChannel(
                            new BufferedInputStream(worker.getInputStream()),
                            new BufferedOutputStream(worker.getOutputStream()));
            ch.awaitReady();
            byte[] line = "training line\n".getBytes(StandardCharsets.UTF_8);
            for (int round = 0; round < 20; round++) {
                ch.exists();
                ch.append(out -> out.write(line));
                ch.size();
                ch.replaceComposed(out -> out.write(line), (out, head) -> out.write(line), 4096);
                ch.truncateTo(line.length);
            }
            worker.getOutputStream().close();
            if (!worker.waitFor(60, TimeUnit.SECONDS) || worker.exitValue() != 0) {
                worker.destroyForcibly();
                return 1;
            }
            Process create =
                    new ProcessBuilder(WorkerCommand.aotCreate(runtime, configuration, cache, base))
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            return create.waitFor(120, TimeUnit.SECONDS) && create.exitValue() == 0 ? 0 : 1;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}

package dev.kato.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Driver for {@code bench/vault-scale.sh}.
 *
 * <ul>
 *   <li>{@code generate STAGING SESSIONS TOTAL_MB STAGES SEED}: writes SESSIONS deterministic
 *       provider logs (about 60 % Claude, 40 % Codex) of about TOTAL_MB MiB in all, sizes drawn
 *       from a log-normal distribution (many sessions of tens of KB, a few of tens of MB), split
 *       into STAGES stages of equal session count: {@code
 *       STAGING/stage-K/claude/<project>/<id>.jsonl} and {@code
 *       STAGING/stage-K/codex/<day>/rollout-…-<id>.jsonl}, ready to be moved into the provider
 *       roots one stage at a time.
 *   <li>{@code await SESSIONS_DIR START_EPOCH_NANOS TIMEOUT_S BASE_BYTES ROOT...}: waits until the
 *       vault under SESSIONS_DIR has ingested every session log under the ROOTs, i.e. every log's
 *       cursor in its session's {@code meta.json} has reached the log's size, then prints the time
 *       since START_EPOCH_NANOS and the new provider bytes (all logs' bytes minus BASE_BYTES, the
 *       bytes already ingested before) per second.
 * </ul>
 */
public final class VaultScale {
    private static final Pattern LOG =
            Pattern.compile(
                    "\"path\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,\\s*\"cursor\"\\s*:\\s*\"(\\d+):");
    private static final long MIN_BYTES = 16 * 1024;

    private VaultScale() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" ->
                    generate(
                            Path.of(args[1]),
                            Integer.parseInt(args[2]),
                            Long.parseLong(args[3]) * 1024 * 1024,
                            Integer.parseInt(args[4]),
                            Long.parseLong(args[5]));
            case "await" -> {
                List<Path> roots = new ArrayList<>();
                for (int i = 5; i < args.length; i++) {
                    roots.add(Path.of(args[i]));
                }
                await(
                        Path.of(args[1]),
                        Long.parseLong(args[2]),
                        Long.parseLong(args[3]),
                        Long.parseLong(args[4]),
                        roots);
            }
            default -> throw new IllegalArgumentException("unknown sub-command " + args[0]);
        }
    }

    private record Plan(int index, int stage, boolean codex, long bytes, long seed) {}

    private static void generate(Path staging, int sessions, long total, int stages, long seed)
            throws Exception {
        Random random = new Random(seed);
        double[] weights = new double[sessions];
        double sum = 0;
        for (int i = 0; i < sessions; i++) {
            weights[i] = Math.exp(1.6 * random.nextGaussian());
            sum += weights[i];
        }
        // The generator writes whole turns (~30 KB each on average), so it overshoots each target
        // by about half a turn; aim lower by that much.
        long overshoot = 15 * 1024;
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            long bytes = Math.max(MIN_BYTES, (long) (total * weights[i] / sum) - overshoot);
            plans.add(
                    new Plan(
                            i,
                            (int) ((long) i * stages / sessions) + 1,
                            random.nextInt(10) < 4,
                            bytes,
                            seed * 1_000_003L + i));
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        long[][] perStage = new long[stages + 1][4]; // sessions, bytes, codex sessions, largest
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Long>> done = new ArrayList<>();
            for (Plan p : plans) {
                done.add(pool.submit(() -> write(staging, p)));
            }
            for (int i = 0; i < plans.size(); i++) {
                long written = done.get(i).get();
                long[] s = perStage[plans.get(i).stage()];
                s[0]++;
                s[1] += written;
                s[2] += plans.get(i).codex() ? 1 : 0;
                s[3] = Math.max(s[3], written);
            }
        }
        long all = 0;
        for (int k = 1; k <= stages; k++) {
            long[] s = perStage[k];
            all += s[1];
            System.out.printf(
                    "stage %d: %d sessions (%d Claude, %d Codex), %.1f MB, largest %.1f MB%n",
                    k, s[0], s[0] - s[2], s[2], s[1] / 1e6, s[3] / 1e6);
        }
        System.out.printf("generated %d sessions, %.1f MB%n", sessions, all / 1e6);
    }

    private static long write(Path staging, Plan p) throws IOException {
        SessionGenerator gen = new SessionGenerator(p.seed());
        String id = gen.sessionId();
        Path stage = staging.resolve("stage-" + p.stage());
        Path file =
                p.codex()
                        ? stage.resolve("codex")
                                .resolve(String.format("%02d", p.stage()))
                                .resolve(
                                        String.format(
                                                "rollout-2026-11-%02dT09-00-00-%s.jsonl",
                                                p.stage(), id))
                        : stage.resolve("claude")
                                .resolve("-home-dev-project-" + p.stage() + "-" + (p.index() % 7))
                                .resolve(id + ".jsonl");
        Files.createDirectories(file.getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            gen.write(p.codex() ? "codex" : "claude", p.bytes(), out);
        }
        return Files.size(file);
    }

    private static void await(
            Path sessionsDir,
            long startEpochNanos,
            long timeoutSeconds,
            long baseBytes,
            List<Path> roots)
            throws IOException, InterruptedException {
        Map<String, Long> sizes = new HashMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".jsonl") && Files.isRegularFile(f))
                        .forEach(f -> {
                            try {
                                sizes.put(f.toAbsolutePath().normalize().toString(), Files.size(f));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
            }
        }
        long totalBytes = sizes.values().stream().mapToLong(Long::longValue).sum();
        Set<String> settledDirs = new HashSet<>();
        // meta.json's modification time (ns) as last read, per unsettled session directory:
        // the poll re-reads only what changed, so this harness takes little of the CPU it measures
        Map<String, Long> readAt = new HashMap<>();
        Set<String> caughtUp = new HashSet<>();
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        long nextReport = System.nanoTime() + 10_000_000_000L;
        while (caughtUp.size() < sizes.size()) {
            if (System.nanoTime() > deadline) {
                System.err.printf(
                        "timed out: %d of %d logs caught up%n", caughtUp.size(), sizes.size());
                System.exit(1);
            }
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> list = Files.newDirectoryStream(sessionsDir)) {
                for (Path dir : list) {
                    names.add(dir.getFileName().toString());
                }
            } catch (NoSuchFileException e) {
                // not created yet
            }
            for (String name : names) {
                if (settledDirs.contains(name)) {
                    continue;
                }
                Path metaFile = sessionsDir.resolve(name).resolve("meta.json");
                String meta;
                try {
                    long modified = Files.getLastModifiedTime(metaFile).to(TimeUnit.NANOSECONDS);
                    if (readAt.getOrDefault(name, Long.MIN_VALUE) == modified) {
                        continue;
                    }
                    long before = epochNanos();
                    meta = Files.readString(metaFile, StandardCharsets.UTF_8);
                    // with coarse timestamps, a later write in the same tick keeps the time, so
                    // skip an unchanged time only once a read started well after it
                    if (before - modified > 50_000_000L) {
                        readAt.put(name, modified);
                    }
                } catch (IOException e) {
                    continue; // not a session directory, not written yet, or being replaced
                }
                boolean all = true;
                boolean any = false;
                Matcher m = LOG.matcher(meta);
                while (m.find()) {
                    any = true;
                    String path = m.group(1).replace("\\\\", "\\").replace("\\\"", "\"");
                    Long size = sizes.get(path);
                    if (size != null && Long.parseLong(m.group(2)) >= size) {
                        caughtUp.add(path);
                    } else {
                        all = false;
                    }
                }
                if (any && all) {
                    settledDirs.add(name);
                    readAt.remove(name);
                }
            }
            if (System.nanoTime() > nextReport) {
                nextReport += 10_000_000_000L;
                System.err.printf(
                        "  … %d of %d logs caught up after %.0f s%n",
                        caughtUp.size(), sizes.size(), secondsSince(startEpochNanos));
            }
            if (caughtUp.size() < sizes.size()) {
                Thread.sleep(100);
            }
        }
        double seconds = secondsSince(startEpochNanos);
        long newBytes = totalBytes - baseBytes;
        System.out.printf(
                "caught up: %d logs (%.1f MB), %.1f MB new in %.2f s = %.1f MB/s%n",
                sizes.size(), totalBytes / 1e6, newBytes / 1e6, seconds, newBytes / 1e6 / seconds);
    }

    private static double secondsSince(long startEpochNanos) {
        return (epochNanos() - startEpochNanos) / 1e9;
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

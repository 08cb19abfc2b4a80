package dev.kato.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.management.OperatingSystemMXBean;
import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.fs.AtomicFiles;
import dev.kato.ingest.LiveIngestOptions;
import dev.kato.ingest.SessionParsers;
import dev.kato.provider.Anomaly;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParseSink;
import dev.kato.provider.SessionParser;
import dev.kato.vault.LineSkimmer;
import dev.kato.vault.RenderedBatch;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Driver for {@code bench/catchup-budget.sh}: the parts of a first start's catch-up that no design
 * of Kato's on JDK 25 avoids, each measured alone in a JVM with the flags of the process that does
 * it, so that their CPU can be set against what 100 MB/s allows on the machine's cores.
 *
 * <ul>
 *   <li>{@code worker PROVIDER ROOT LINES_OUT}: a provider worker's own work, parse and render,
 *       over every log under ROOT (1 MiB reads, long texts kept as the workers keep them), twice in
 *       one JVM. Prints the process CPU of each pass (compiler and GC threads included) and the JIT
 *       compile time: the first pass is what a first start pays, the second what it would pay if
 *       the worker started warm. The second pass writes its lines to LINES_OUT for {@code check}.
 *   <li>{@code check LINES}: the daemon's check of every line a worker sends ({@code LineSkimmer}),
 *       twice; prints the thread CPU of each pass.
 *   <li>{@code store DIR ROOT...}: the least the vault writes: as many bytes as each log under the
 *       ROOTs holds (from memory) into a new file of its own under DIR, in 1 MiB appends with an
 *       fsync after each, and one state file per session, written once as every state file is
 *       ({@code AtomicFiles}: temp file, fsync, rename, fsync of the directory). No index, no other
 *       metadata. Prints the process CPU (the kernel's part included) and the wall time.
 * </ul>
 *
 * Not a test: nothing here is timed by CI.
 */
public final class CatchUpBudget {
    private static final int READ_BYTES = 1 << 20;
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CatchUpBudget() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "worker" ->
                    worker(
                            Provider.tryParse(args[1]).orElseThrow(),
                            Path.of(args[2]),
                            Path.of(args[3]));
            case "check" -> check(Path.of(args[1]));
            case "store" -> store(Path.of(args[1]), args);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void worker(Provider provider, Path root, Path linesOut) throws IOException {
        List<Path> logs = logsUnder(List.of(root));
        long compileBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long c0 = OS.getProcessCpuTime();
        long bytes = parseAndRender(provider, logs, null);
        long c1 = OS.getProcessCpuTime();
        long compileCold = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        try (OutputStream out =
                new BufferedOutputStream(Files.newOutputStream(linesOut), 1 << 20)) {
            long c2 = OS.getProcessCpuTime();
            parseAndRender(provider, logs, out);
            long c3 = OS.getProcessCpuTime();
            System.out.printf(
                    "worker %s %.1f MB: cold %.2f s, warm %.2f s (writing its lines included), JIT %.2f s in the cold pass%n",
                    provider.id(),
                    bytes / 1e6,
                    (c1 - c0) / 1e9,
                    (c3 - c2) / 1e9,
                    (compileCold - compileBefore) / 1e3);
        }
    }

    /**
     * Parses and renders every log as a provider worker does, writing the lines to {@code out} if
     * given; returns the bytes read.
     */
    private static long parseAndRender(
            Provider provider, List<Path> logs, @Nullable OutputStream out) throws IOException {
        byte[] buf = new byte[READ_BYTES];
        List<ConversationEvent> events = new ArrayList<>();
        ParseSink sink =
                new ParseSink() {
                    @Override
                    public void event(ConversationEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void anomaly(Anomaly anomaly) {}
                };
        long bytes = 0;
        for (Path log : logs) {
            SessionParser parser =
                    SessionParsers.create(
                            ParseContext.main(provider, log.getFileName().toString()),
                            LiveIngestOptions.DEFAULT.parserLimits());
            try (InputStream in = Files.newInputStream(log)) {
                int n;
                while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                    bytes += n;
                    parser.feed(buf, 0, n, sink);
                    render(events, out);
                }
            }
            parser.endOfInput(sink);
            render(events, out);
        }
        return bytes;
    }

    private static void render(List<ConversationEvent> events, @Nullable OutputStream out)
            throws IOException {
        if (events.isEmpty()) {
            return;
        }
        RenderedBatch batch = RenderedBatch.of(events);
        events.clear();
        if (out != null) {
            int[] ends = batch.lineEnds();
            out.write(batch.lineBytes(), 0, ends[ends.length - 1]);
        }
    }

    /**
     * Skims every line of {@code lines}; only the skimming is timed (the daemon learns where each
     * line ends from the worker's frame, so finding the line feeds here is left out).
     */
    private static void check(Path lines) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        LineSkimmer skimmer = new LineSkimmer();
        for (String pass : List.of("first", "second")) {
            long cpu = 0;
            long bytes = 0;
            long count = 0;
            long refused = 0;
            byte[] buf = new byte[2 * READ_BYTES];
            int[] ends = new int[4096];
            int filled = 0;
            try (InputStream in = Files.newInputStream(lines)) {
                int n;
                do {
                    if (filled == buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2); // a line this long
                    }
                    n = in.readNBytes(buf, filled, buf.length - filled);
                    filled += n;
                    int found = 0;
                    for (int i = 0; i < filled; i++) {
                        if (buf[i] == '\n') {
                            if (found == ends.length) {
                                ends = Arrays.copyOf(ends, found * 2);
                            }
                            ends[found++] = i + 1;
                        }
                    }
                    long t0 = threads.getCurrentThreadCpuTime();
                    int start = 0;
                    for (int k = 0; k < found; k++) {
                        if (skimmer.read(buf, start, ends[k] - start).isEmpty()) {
                            refused++;
                        }
                        start = ends[k];
                    }
                    cpu += threads.getCurrentThreadCpuTime() - t0;
                    count += found;
                    bytes += start;
                    // what is left at the end lacks a line feed: the next read completes it
                    System.arraycopy(buf, start, buf, 0, filled - start);
                    filled -= start;
                } while (n > 0);
            }
            System.out.printf(
                    "check, %s pass: %d lines (%d refused), %.1f MB: %.2f s%n",
                    pass, count, refused, bytes / 1e6, cpu / 1e9);
        }
    }

    private static void store(Path dir, String[] args) throws IOException {
        List<Path> roots = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            roots.add(Path.of(args[i]));
        }
        List<Path> logs = logsUnder(roots);
        long[] sizes = new long[logs.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Files.size(logs.get(i));
        }
        Files.createDirectories(dir);
        // the bytes come from memory: reading the logs is the workers' part, not the vault's
        byte[] line = "{\"kind\":\"tool_result\",\"text\":\"0123456789abcdef\"}\n".getBytes(UTF_8);
        ByteBuffer buf = ByteBuffer.allocateDirect(READ_BYTES);
        while (buf.remaining() >= line.length) {
            buf.put(line);
        }
        buf.flip();
        long c0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        long bytes = 0;
        int appends = 0;
        for (int k = 0; k < sizes.length; k++) {
            Path session = Files.createDirectory(dir.resolve("s" + k));
            try (FileChannel events =
                    FileChannel.open(
                            session.resolve("events.jsonl"),
                            StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                for (long left = sizes[k]; left > 0; left -= buf.limit()) {
                    ByteBuffer append = buf.duplicate();
                    append.limit((int) Math.min(left, buf.limit()));
                    bytes += append.remaining();
                    while (append.hasRemaining()) {
                        events.write(append);
                    }
                    events.force(true);
                    appends++;
                }
            }
            // its state file, once: temp file, fsync, rename, fsync of the directory
            long stored = bytes;
            AtomicFiles.replace(
                    session.resolve("meta.json"),
                    out -> out.write(("{\"bytes\":" + stored + "}").getBytes(UTF_8)));
        }
        System.out.printf(
                "store %d files, %d appends, a state file each, %.1f MB: %.2f s of CPU, %.2f s wall%n",
                sizes.length,
                appends,
                bytes / 1e6,
                (OS.getProcessCpuTime() - c0) / 1e9,
                (System.nanoTime() - t0) / 1e9);
    }

    private static List<Path> logsUnder(List<Path> roots) throws IOException {
        List<Path> logs = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                        .sorted()
                        .forEach(logs::add);
            }
        }
        return logs;
    }
}

package dev.kato.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Capture latency against a running daemon: appends assistant lines to a Claude session log the way
 * Claude Code does and measures the time until each line's text is in the recording's destination.
 * Also measures the first write after {@code ::capture}. Usage: {@code CaptureLatency SESSION_FILE
 * DESTINATION SAMPLES} (the daemon must already watch SESSION_FILE's root and be allowed to write
 * DESTINATION).
 */
public final class CaptureLatency {
    private CaptureLatency() {}

    public static void main(String[] args) throws Exception {
        Path session = Path.of(args[0]);
        Path destination = Path.of(args[1]);
        int samples = Integer.parseInt(args[2]);
        List<Double> firstWrites = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            Path dest =
                    destination.resolveSibling("first-" + round + "-" + destination.getFileName());
            long t0 = System.nanoTime();
            append(session, user("r" + round, "start\n::capture " + dest));
            await(dest, "start");
            firstWrites.add((System.nanoTime() - t0) / 1e6);
            Thread.sleep(500); // one command at a time, as a person types them
        }
        append(session, user("main", "::capture " + destination));
        await(destination, "::capture");
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            String marker = "latency-sample-" + i + "-" + System.nanoTime();
            long t0 = System.nanoTime();
            append(session, assistant("a" + i, marker));
            await(destination, marker);
            latencies.add((System.nanoTime() - t0) / 1e6);
            Thread.sleep(20);
        }
        System.out.printf(
                "first write after ::capture: p50 %.1f ms, min %.1f ms, max %.1f ms (n=%d)%n",
                percentile(firstWrites, 50),
                Collections.min(firstWrites),
                Collections.max(firstWrites),
                firstWrites.size());
        System.out.printf(
                "capture latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)%n",
                percentile(latencies, 50),
                percentile(latencies, 99),
                Collections.max(latencies),
                latencies.size());
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void await(Path file, String marker) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(marker)) {
                return;
            }
            // poll every millisecond: a spinning harness would take one of the machine's two
            // cores from the daemon and the worker JVMs it starts
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        throw new IllegalStateException("not captured within 10 s");
    }

    private static void append(Path session, String line) throws IOException {
        Files.writeString(
                session,
                line,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String user(String id, String text) {
        return "{\"type\":\"user\",\"sessionId\":\"bench\",\"uuid\":\"u-"
                + id
                + "\",\"timestamp\":\""
                + Instant.now()
                + "\",\"message\":{\"role\":\"user\",\"content\":"
                + SessionGenerator.q(text)
                + "}}\n";
    }

    private static String assistant(String id, String text) {
        return "{\"type\":\"assistant\",\"sessionId\":\"bench\",\"uuid\":\"a-"
                + id
                + "\",\"timestamp\":\""
                + Instant.now()
                + "\",\"message\":{\"id\":\"m-"
                + id
                + "\",\"role\":\"assistant\",\"model\":\"claude-opus-4-6\",\"content\":[{\"type\":\"text\",\"text\":"
                + SessionGenerator.q(text)
                + "}]}}\n";
    }
}

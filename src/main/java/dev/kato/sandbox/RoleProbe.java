package dev.kato.sandbox;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts one real confined probe worker for a role against a {@link ProbeFixture} and collects its
 * {@link ProbeRecord}s. The worker is given the role's envelope built from the fixture, and asked
 * to attempt what that role must not do (and what it must still be able to do).
 *
 * @param role the probed role
 * @param records what the worker reported
 * @param exitCode the worker's exit code
 * @param startMillis wall time from spawning the trampoline to the worker's first line: the
 *     start-up latency of a confined worker (two JVM starts), or -1 when it printed nothing
 * @param diagnostic the first line the trampoline or worker wrote to stderr (shortened), or ""
 */
public record RoleProbe(
        Role role, List<ProbeRecord> records, int exitCode, long startMillis, String diagnostic) {
    private static final int MAX_DIAGNOSTIC = 200;

    public RoleProbe {
        records = List.copyOf(records);
        requireNonNull(diagnostic, "diagnostic");
    }

    /** The envelope the probe of {@code role} runs in. */
    public static Envelope envelope(Role role, ProbeFixture f) {
        return switch (role) {
            case PROVIDER_WORKER -> new Envelope.ProviderWorker(List.of(f.sessionRoot()));
            case WRITER_WORKER ->
                    new Envelope.WriterWorker(f.destination(), Envelope.WriteScope.FILE);
            case ORCHESTRATOR -> new Envelope.Orchestrator(f.katoHome(), f.configFile(), List.of());
            case EXPORT ->
                    new Envelope.Export(
                            List.of(f.sessionFile()), f.configFile(), f.destination().getParent());
        };
    }

    /** The probes for {@code role}: name → argument, in the order they run. */
    public static Map<String, String> probes(
            Role role, ProbeFixture f, WorkerRuntime runtime, String envCanary) {
        Map<String, String> p = new LinkedHashMap<>();
        switch (role) {
            case PROVIDER_WORKER -> {
                p.put("read-allowed", f.sessionFile().toString());
                p.put("write-forbidden", f.sessionRoot().resolve("new.txt").toString());
            }
            case WRITER_WORKER -> {
                p.put("read-allowed", f.destination().toString());
                p.put("write-allowed", f.destination().toString());
                p.put("write-forbidden", f.destinationSibling().toString());
            }
            case EXPORT -> {
                p.put("read-allowed", f.sessionFile().toString());
                p.put("write-allowed", f.destination().resolveSibling("export.md").toString());
                p.put("write-forbidden", f.sessionRoot().resolve("new.txt").toString());
            }
            case ORCHESTRATOR -> {
                p.put("read-allowed", f.configFile().toString());
                p.put("write-allowed", f.katoHome().resolve("state.txt").toString());
                p.put("write-forbidden", f.outsideWrite().toString());
                p.put("exec-allowed", runtime.javaLauncher().toString());
            }
        }
        p.put("read-forbidden", f.secret().toString());
        p.put("exec-forbidden", "/bin/true");
        p.put("tcp", f.tcpAddress());
        p.put("unix", f.unixSocket().toString());
        p.put("chmod", f.secret().toString());
        p.put("env", envCanary);
        return p;
    }

    /** Runs the probe worker for {@code role} to completion (at most 60 s). */
    public static RoleProbe run(
            Role role,
            ProbeFixture fixture,
            WorkerRuntime runtime,
            Map<String, String> parentEnvironment,
            String envCanary)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        probes(role, fixture, runtime, envCanary).forEach((k, v) -> args.add(k + "=" + v));
        ProcessBuilder pb =
                ConfinedLauncher.confined(
                        envelope(role, fixture),
                        runtime,
                        WorkerMain.PROBE,
                        args,
                        parentEnvironment);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long start = System.nanoTime();
        Process process = pb.start();
        CompletableFuture<String> stderr = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> stderr.complete(firstLine(process.getErrorStream())));
        // a hung probe must not hang the doctor: its stdout ends when it is killed
        Thread.ofVirtual()
                .start(() -> {
                    try {
                        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                            process.destroyForcibly();
                        }
                    } catch (InterruptedException e) {
                        process.destroyForcibly();
                    }
                });
        List<ProbeRecord> records = new ArrayList<>();
        long elapsed = -1;
        try (var reader =
                new java.io.BufferedReader(
                        new java.io.InputStreamReader(
                                process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (elapsed < 0) {
                    elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
                ProbeRecord.parse(line).ifPresent(records::add);
            }
        }
        process.waitFor();
        String diagnostic;
        try {
            diagnostic = stderr.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            diagnostic = "";
        }
        return new RoleProbe(role, records, process.exitValue(), elapsed, diagnostic);
    }

    private static final long TIMEOUT_SECONDS = 60;

    private static String firstLine(InputStream in) {
        try (var reader =
                new java.io.BufferedReader(
                        new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            String first = reader.readLine();
            while (reader.readLine() != null) {
                // drain, so the child never blocks on a full pipe
            }
            if (first == null) {
                return "";
            }
            return first.length() > MAX_DIAGNOSTIC
                    ? first.substring(0, MAX_DIAGNOSTIC) + "…"
                    : first;
        } catch (IOException e) {
            return "";
        }
    }

    /** Reads a worker's stdout to its end; lines that are not probe records are ignored. */
    public static List<ProbeRecord> read(InputStream stdout) throws IOException {
        List<ProbeRecord> records = new ArrayList<>();
        try (var reader =
                new java.io.BufferedReader(
                        new java.io.InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                ProbeRecord.parse(line).ifPresent(records::add);
            }
        }
        return records;
    }

    /** The attempt named {@code probe} in {@code phase}, if the worker reported one. */
    public Optional<ProbeRecord.Attempt> attempt(String phase, String probe) {
        return records.stream()
                .filter(r ->
                        r instanceof ProbeRecord.Attempt a
                                && a.phase().equals(phase)
                                && a.probe().equals(probe))
                .map(ProbeRecord.Attempt.class::cast)
                .findFirst();
    }

    public Optional<ProbeRecord.ThreadCensus> census(String phase) {
        return records.stream()
                .filter(r -> r instanceof ProbeRecord.ThreadCensus c && c.phase().equals(phase))
                .map(ProbeRecord.ThreadCensus.class::cast)
                .findFirst();
    }

    public Optional<String> fact(String name) {
        return records.stream()
                .filter(r -> r instanceof ProbeRecord.Fact f && f.name().equals(name))
                .map(r -> ((ProbeRecord.Fact) r).value())
                .findFirst();
    }
}

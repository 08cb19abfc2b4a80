package dev.kato.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts one real confined probe worker for a role against a {@link ProbeFixture} and collects its
 * {@link ProbeRecord}s. The worker is given the role's envelope built from the fixture, and asked
 * to attempt what that role must not do (and what it must still be able to do).
 *
 * @param role the probed role
 * @param records what the worker reported
 * @param exitCode the worker's exit code
 * @param startToDoneMillis wall time from spawning the trampoline to the worker's last line
 */
public record RoleProbe(
        Role role, List<ProbeRecord> records, int exitCode, long startToDoneMillis) {
    public RoleProbe {
        records = List.copyOf(records);
    }

    /** The envelope the probe of {@code role} runs in. */
    public static Envelope envelope(Role role, ProbeFixture f) {
        return switch (role) {
            case PROVIDER_WORKER -> new Envelope.ProviderWorker(List.of(f.sessionRoot()));
            case WRITER_WORKER ->
                    new Envelope.WriterWorker(f.destination(), Envelope.WriteScope.FILE);
            case ORCHESTRATOR -> new Envelope.Orchestrator(f.katoHome(), f.configFile());
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
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process = pb.start();
        List<ProbeRecord> records = read(process.getInputStream());
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        int exit = process.isAlive() ? -1 : process.exitValue();
        return new RoleProbe(role, records, exit, elapsed);
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

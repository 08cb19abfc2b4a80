package dev.kato.cli;

import dev.kato.export.ExportMessage;
import dev.kato.export.ExportRequest;
import dev.kato.sandbox.ConfinedLauncher;
import dev.kato.sandbox.Envelope;
import dev.kato.sandbox.WorkerDiagnostics;
import dev.kato.sandbox.WorkerMain;
import dev.kato.sandbox.WorkerRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * Runs one export in a confined child process ({@code Role.EXPORT}) and collects what it reports.
 * The child's envelope: read the session's input and the config file, replace files in the
 * destination's directory (which must exist), nothing else.
 */
public final class ConfinedExport {
    private static final int MAX_DIAGNOSTIC = 200;

    private ConfinedExport() {}

    /** How the child ended. {@code confined} is empty when it reported no status. */
    public sealed interface Outcome permits Written, Failed, RefusedUnconfined, Crashed {
        Optional<ExportMessage.Confined> confined();
    }

    public record Written(
            Optional<ExportMessage.Confined> confined, String target, long events, long anomalies)
            implements Outcome {}

    /** The child reported a failure; {@code message} is the user-facing line. */
    public record Failed(Optional<ExportMessage.Confined> confined, String message)
            implements Outcome {}

    /** {@code sandbox.mode: required} and a layer was missing: the child read nothing. */
    public record RefusedUnconfined(Optional<ExportMessage.Confined> confined) implements Outcome {}

    /**
     * The child ended without a result.
     *
     * @param diagnostic the first stderr line of the trampoline or child when it is one of Kato's
     *     own ({@code kato-…}), else empty
     */
    public record Crashed(
            Optional<ExportMessage.Confined> confined, int exitCode, String diagnostic)
            implements Outcome {}

    /** The envelope for {@code request} writing into {@code destinationDirectory}. */
    public static Envelope.Export envelope(ExportRequest request, Path destinationDirectory) {
        return new Envelope.Export(
                request.input().readable(), request.configFile(), destinationDirectory);
    }

    public static Outcome run(
            ExportRequest request,
            Path destinationDirectory,
            WorkerRuntime runtime,
            LongConsumer progress)
            throws IOException, InterruptedException {
        ProcessBuilder pb =
                ConfinedLauncher.confined(
                        envelope(request, destinationDirectory),
                        runtime,
                        WorkerMain.EXPORT,
                        request.encode(),
                        Map.of());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = pb.start();
        CompletableFuture<String> stderr = new CompletableFuture<>();
        Thread.ofVirtual()
                .start(() ->
                        stderr.complete(
                                WorkerDiagnostics.firstOwnLine(
                                        process.getErrorStream(), MAX_DIAGNOSTIC)));
        Optional<ExportMessage.Confined> confined = Optional.empty();
        ExportMessage last = null;
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Optional<ExportMessage> m = ExportMessage.parse(line);
                if (m.isEmpty()) {
                    continue;
                }
                switch (m.get()) {
                    case ExportMessage.Confined c -> confined = Optional.of(c);
                    case ExportMessage.Progress p -> progress.accept(p.bytes());
                    case ExportMessage.Written w -> last = w;
                    case ExportMessage.Failed f -> last = f;
                }
            }
        } finally {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
        int exit = process.exitValue();
        if (exit == 0 && last instanceof ExportMessage.Written w) {
            return new Written(confined, w.target(), w.events(), w.anomalies());
        }
        if (exit == 1 && last instanceof ExportMessage.Failed f) {
            return new Failed(confined, f.message());
        }
        if (exit == 3 && confined.isPresent()) {
            return new RefusedUnconfined(confined);
        }
        String diagnostic;
        try {
            diagnostic = stderr.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            diagnostic = "";
        }
        return new Crashed(confined, exit, diagnostic);
    }
}

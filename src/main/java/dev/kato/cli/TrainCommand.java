package dev.kato.cli;

import dev.kato.config.Environment;
import dev.kato.config.KatoConfig;
import dev.kato.control.ControlReply;
import dev.kato.control.ControlRequest;
import dev.kato.control.DaemonStatus;
import dev.kato.control.FrameCodec;
import dev.kato.control.StatusJson;
import dev.kato.event.Provider;
import dev.kato.export.Configured;
import dev.kato.ingest.SessionParsers;
import dev.kato.provider.Anomaly;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParseSink;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;
import dev.kato.sandbox.ConfinedLauncher;
import dev.kato.sandbox.WorkerMain;
import dev.kato.sandbox.WorkerRuntime;
import dev.kato.worker.TrainingWorker;
import dev.kato.writer.JsonlRenderer;
import dev.kato.writer.MarkdownBodyWriter;
import dev.kato.writer.MarkdownOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: the training run that {@code bin/kato} records into the JVM's AOT cache after a build. It
 * parses the small synthetic sessions bundled in the jar and renders them to nowhere, so the cache
 * holds the classes and method profiles of the parse → render path; it then renders a status in
 * memory and exchanges it once over a unix socket in a temporary directory that it removes, and
 * goes through {@code kato start} up to the daemon's spawn (config, envelope, command line).
 */
@Command(name = "aot-training", hidden = true)
final class TrainCommand implements Callable<Integer> {
    private static final String[][] SESSIONS = {
        {"claude", "claude.jsonl", "session.jsonl"},
        {"codex", "codex.jsonl", "rollout-2026-11-01T09-00-00-training.jsonl"},
        {"gemini", "gemini.json", "session-2026-11-01T09-00-training.json"}
    };

    @Override
    public Integer call() throws IOException {
        MarkdownOptions everything =
                MarkdownOptions.builder()
                        .includeThinking(true)
                        .includeToolCalls(true)
                        .includeSystemEvents(true)
                        .build();
        for (int round = 0; round < 20; round++) {
            for (String[] s : SESSIONS) {
                byte[] bytes = resource(s[1]);
                Provider provider = Provider.tryParse(s[0]).orElseThrow();
                MarkdownBodyWriter markdown =
                        new MarkdownBodyWriter(
                                Writer.nullWriter(),
                                round % 2 == 0 ? everything : MarkdownOptions.DEFAULTS);
                JsonlRenderer jsonl = new JsonlRenderer();
                SessionParser parser =
                        SessionParsers.create(
                                ParseContext.main(provider, s[2]), ParserLimits.DEFAULT);
                parser.feed(
                        bytes,
                        0,
                        bytes.length,
                        new ParseSink() {
                            @Override
                            public void event(dev.kato.event.ConversationEvent event) {
                                try {
                                    markdown.accept(event);
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                                jsonl.write(event, Writer.nullWriter());
                            }

                            @Override
                            public void anomaly(Anomaly anomaly) {}
                        });
                parser.endOfInput(
                        new ParseSink() {
                            @Override
                            public void event(dev.kato.event.ConversationEvent event) {}

                            @Override
                            public void anomaly(Anomaly anomaly) {}
                        });
                markdown.finish();
            }
        }
        trainStatus();
        trainStart();
        return ExitCode.OK.code();
    }

    /**
     * {@code kato start} up to the daemon's spawn: the config loaded as it is, the orchestrator's
     * envelope and confined command line built. Nothing is started and no user file is read.
     */
    private static void trainStart() throws IOException {
        Environment env = TrainingWorker.trainingEnvironment();
        KatoConfig config = TrainingWorker.trainConfig(env);
        ConfinedLauncher.confined(
                Configured.orchestrator(config, env),
                WorkerRuntime.forWorkers(),
                WorkerMain.DAEMON,
                List.of("0".repeat(64)),
                java.util.Map.of());
    }

    /**
     * The daemon-status path in memory: request and reply frames encoded and decoded, and the reply
     * rendered as text and JSON, as {@code kato status} does after its socket round trip.
     */
    private static void trainStatus() throws IOException {
        java.time.Instant t = java.time.Instant.parse("2026-11-01T09:00:00Z");
        var status =
                new DaemonStatus(
                        1,
                        t,
                        t.plusSeconds(90),
                        "/training/.kato",
                        "/training/.kato/kato-config.yaml",
                        "0".repeat(64),
                        List.of(
                                new DaemonStatus.ProviderStatus(
                                        "claude",
                                        List.of(new DaemonStatus.RootStatus("/training", true)))),
                        new DaemonStatus.Activity(
                                List.of(),
                                List.of(
                                        new DaemonStatus.LayerStatus(
                                                "writer-worker", "enforced", "enforced", "denied")),
                                List.of(new DaemonStatus.SessionSummary("claude", "t", true, t)),
                                List.of(
                                        new DaemonStatus.RecordingSummary(
                                                "claude", "t", "/training/t.md", t)),
                                List.of(
                                        new DaemonStatus.CommandOutcome(
                                                t, "claude", "t", "capture", true, "applied")),
                                List.of(new DaemonStatus.RecentError(t, "ingest", "training"))));
        trainSocketRoundTrip(status);
        for (int round = 0; round < 50; round++) {
            FrameCodec.decodeRequest(FrameCodec.encode(new ControlRequest.Status(round % 2 == 0)));
            var in =
                    new java.io.ByteArrayInputStream(
                            FrameCodec.encode(new ControlReply.StatusReply(status)));
            if (FrameCodec.readReply(in) instanceof ControlReply.StatusReply(var decoded)) {
                StatusView.text(decoded, round % 2 == 0);
                StatusJson.toText(decoded);
            }
        }
    }

    /**
     * One status exchange over a unix socket in a private temporary directory (removed after): the
     * client's connect, watchdog thread and frame I/O classes then come from the AOT cache.
     */
    private static void trainSocketRoundTrip(DaemonStatus status) throws IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("kato-training-");
        var paths = new dev.kato.control.ControlPaths(dir);
        try (var server =
                java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(paths.socket()));
            Thread peer =
                    Thread.ofPlatform()
                            .daemon()
                            .start(() -> {
                                try (var channel = server.accept()) {
                                    FrameCodec.readRequest(
                                            java.nio.channels.Channels.newInputStream(channel));
                                    FrameCodec.write(
                                            java.nio.channels.Channels.newOutputStream(channel),
                                            FrameCodec.encode(
                                                    new ControlReply.StatusReply(status)));
                                } catch (IOException e) {
                                    // the client then reports the broken exchange; training goes on
                                }
                            });
            try {
                new dev.kato.control.DaemonClient(paths, java.time.Duration.ofSeconds(5))
                        .send(new ControlRequest.Status(false));
            } catch (IOException e) {
                // a failed exchange only makes the cache less complete
            }
            peer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            java.nio.file.Files.deleteIfExists(paths.socket());
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TrainCommand.class.getResourceAsStream("training/" + name)) {
            if (in == null) {
                throw new IOException("training resource missing: " + name);
            }
            return in.readAllBytes();
        }
    }
}

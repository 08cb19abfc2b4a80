package dev.kato.cli;

import dev.kato.event.Provider;
import dev.kato.ingest.SessionParsers;
import dev.kato.provider.Anomaly;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParseSink;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;
import dev.kato.writer.JsonlRenderer;
import dev.kato.writer.MarkdownBodyWriter;
import dev.kato.writer.MarkdownOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: the training run that {@code bin/kato} records into the JVM's AOT cache after a build. It
 * parses the small synthetic sessions bundled in the jar and renders them to nowhere, so the cache
 * holds the classes and method profiles of the parse → render path. Reads and writes no files.
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
        return ExitCode.OK.code();
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

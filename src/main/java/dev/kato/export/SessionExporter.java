package dev.kato.export;

import dev.kato.event.ConversationEvent;
import dev.kato.ingest.DiscoveredSession;
import dev.kato.ingest.SessionFile;
import dev.kato.ingest.SessionFileReader;
import dev.kato.policy.ApprovedPath;
import dev.kato.provider.Anomaly;
import dev.kato.provider.ParseSink;
import dev.kato.provider.ParserLimits;
import dev.kato.writer.DestinationWriter;
import dev.kato.writer.Frontmatter;
import dev.kato.writer.JsonlRenderer;
import dev.kato.writer.MarkdownBodyWriter;
import dev.kato.writer.MarkdownOptions;
import dev.kato.writer.MergeOutcome;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One-shot export of a session to an approved destination, streaming: events flow from the parser
 * straight into the renderer, so memory does not depend on the session's size. Markdown shows the
 * main conversation; JSONL holds every event, sub-agent transcripts included.
 */
public final class SessionExporter {
    private final ParserLimits limits;
    private final java.util.function.LongConsumer progress;

    /**
     * @param progress told the bytes of provider logs read so far (for a progress display)
     */
    public SessionExporter(ParserLimits limits, java.util.function.LongConsumer progress) {
        this.limits = limits;
        this.progress = progress;
    }

    /**
     * Writes the session to {@code destination} (atomically replacing it).
     *
     * @throws NothingToExportException when the session has no events (nothing is written)
     * @throws ExistingFileException when the destination's frontmatter cannot be merged (left as
     *     is)
     */
    public ExportResult export(
            DiscoveredSession session, ApprovedPath destination, MarkdownOptions options)
            throws IOException {
        return export(logs(session), destination, options);
    }

    /** A session's events read from its provider logs (main file, then sub-agent transcripts). */
    public EventSource logs(DiscoveredSession session) {
        return (mainOnly, sink) ->
                readAll(
                        mainOnly ? session.filesToRead().subList(0, 1) : session.filesToRead(),
                        sink);
    }

    /** Where an export's events come from: provider logs, or the vault once the logs are gone. */
    @FunctionalInterface
    public interface EventSource {
        /**
         * Sends the session's events in order.
         *
         * @param mainConversationOnly whether sub-agent transcripts may be left out (Markdown)
         */
        void replay(boolean mainConversationOnly, ParseSink sink) throws IOException;
    }

    /** Writes the events of {@code source} to {@code destination} (atomically replacing it). */
    public ExportResult export(
            EventSource source, ApprovedPath destination, MarkdownOptions options)
            throws IOException {
        return switch (destination.format()) {
            case JSONL -> exportJsonl(source, destination);
            case MARKDOWN -> exportMarkdown(source, destination, options);
        };
    }

    private ExportResult exportJsonl(EventSource source, ApprovedPath destination)
            throws IOException {
        Counter counter = new Counter();
        JsonlRenderer renderer = new JsonlRenderer();
        DestinationWriter.replace(
                destination,
                out -> {
                    Writer w = writer(out);
                    replay(source, false, counter.wrap(e -> renderer.write(e, w)));
                    w.flush();
                    requireEvents(counter);
                });
        return new ExportResult(destination, counter.events, counter.anomalies);
    }

    private ExportResult exportMarkdown(
            EventSource source, ApprovedPath destination, MarkdownOptions options)
            throws IOException {
        Counter counter = new Counter();
        MarkdownBodyWriter[] body = new MarkdownBodyWriter[1];
        DestinationWriter.replaceComposed(
                destination,
                out -> {
                    Writer w = writer(out);
                    body[0] = new MarkdownBodyWriter(w, options);
                    replay(
                            source,
                            true,
                            counter.wrap(e -> {
                                if (!e.meta().fromSubAgent()) {
                                    body[0].accept(e);
                                }
                            }));
                    body[0].finish();
                    w.flush();
                    requireEvents(counter);
                },
                (out, existingHead) -> writeFrontmatter(out, existingHead, body[0], options),
                Frontmatter.MAX_EXISTING_CHARS * 4 + 64);
        return new ExportResult(destination, counter.events, counter.anomalies);
    }

    private static void writeFrontmatter(
            OutputStream out, byte[] existingHead, MarkdownBodyWriter body, MarkdownOptions options)
            throws IOException {
        String existing = decodeLeniently(existingHead);
        MergeOutcome merged = Frontmatter.merge(existing, body.facts(), List.of(), options);
        switch (merged) {
            case MergeOutcome.Merged m -> {
                out.write(m.text().getBytes(StandardCharsets.UTF_8));
                if (!m.text().isEmpty() && body.wroteAnything()) {
                    out.write('\n');
                }
            }
            case MergeOutcome.Malformed bad -> throw new ExistingFileException(bad.message());
        }
    }

    private static void replay(EventSource source, boolean mainOnly, ParseSink sink)
            throws IOException {
        try {
            source.replay(mainOnly, sink);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void readAll(List<SessionFile> files, ParseSink sink) throws IOException {
        SessionFileReader reader = new SessionFileReader(limits);
        long[] done = new long[1];
        try {
            for (SessionFile f : files) {
                long before = done[0];
                reader.readAll(
                        f,
                        sink,
                        bytes -> {
                            done[0] = before + bytes;
                            progress.accept(done[0]);
                        });
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void requireEvents(Counter counter) throws NothingToExportException {
        if (counter.events == 0) {
            throw new NothingToExportException();
        }
    }

    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    /** The head of an existing file as text; a multi-byte character cut at the end is dropped. */
    private static String decodeLeniently(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return "";
        }
    }

    /** Counts what passes through and forwards events. */
    private static final class Counter {
        long events;
        long anomalies;

        ParseSink wrap(EventConsumer consumer) {
            return new ParseSink() {
                @Override
                public void event(ConversationEvent event) {
                    events++;
                    try {
                        consumer.accept(event);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void anomaly(Anomaly anomaly) {
                    anomalies++;
                }
            };
        }
    }

    @FunctionalInterface
    private interface EventConsumer {
        void accept(ConversationEvent event) throws IOException;
    }
}

package dev.kato.recording;

import static java.util.Objects.requireNonNull;

import dev.kato.event.ConversationEvent;
import dev.kato.policy.ApprovedPath;
import dev.kato.policy.DestinationFormat;
import dev.kato.writer.Frontmatter;
import dev.kato.writer.JsonlRenderer;
import dev.kato.writer.MarkdownBodyWriter;
import dev.kato.writer.MarkdownOptions;
import dev.kato.writer.MergeOutcome;
import dev.kato.writer.SessionFacts;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries out {@link RecordingEffect}s on destination files: snapshots replace the file atomically
 * (frontmatter merged), appends render one event and append it with an fsync, {@code ::init}
 * creates a frontmatter-only file. Markdown appends keep one body renderer per destination, so a
 * heading is written only when the speaker changes. Thread-safe: the daemon's capture threads share
 * one writer (one at a time, since two sessions may record into one file).
 */
public final class RecordingWriter {
    private final MarkdownOptions options;
    private final DestinationFiles files;
    private final JsonlRenderer jsonl = new JsonlRenderer();
    private final Map<ApprovedPath, Appender> appenders = new HashMap<>();
    private final Map<ApprovedPath, dev.kato.event.EventId> resumeAfter = new HashMap<>();

    public RecordingWriter(MarkdownOptions options) {
        this(options, DestinationFiles.IN_PROCESS);
    }

    /** A writer whose file operations are carried out by {@code files}. */
    public RecordingWriter(MarkdownOptions options, DestinationFiles files) {
        this.options = requireNonNull(options, "options");
        this.files = requireNonNull(files, "files");
    }

    /** Where this writer's file operations are carried out. */
    public DestinationFiles files() {
        return files;
    }

    /** The session's stored events, in order, for snapshots. */
    @FunctionalInterface
    public interface History {
        void replay(Consumer<ConversationEvent> consumer) throws IOException;
    }

    /**
     * Carries out one effect.
     *
     * @return the destination's size afterwards: the point a crash recovery truncates back to
     */
    public synchronized long apply(RecordingEffect effect, History history) throws IOException {
        switch (effect) {
            case RecordingEffect.EnsureFile e -> ensure(e, history);
            case RecordingEffect.Snapshot s -> snapshot(s, history);
            case RecordingEffect.Append a -> append(a, history);
        }
        return files.size(effect.destination());
    }

    /** Forgets per-destination rendering state (after a crash recovery truncated a file). */
    public synchronized void reset(ApprovedPath destination) {
        appenders.remove(destination);
        resumeAfter.remove(destination);
    }

    /**
     * After a restart: the existing Markdown {@code destination} ends with the text of event {@code
     * last}, so the next append continues that speaker's block (no new heading), as it would have
     * without the restart.
     */
    public synchronized void resumeAfter(ApprovedPath destination, dev.kato.event.EventId last) {
        if (!appenders.containsKey(destination)) {
            resumeAfter.put(destination, last);
        }
    }

    /** The event whose text ends {@code destination}'s last append in this run, if any. */
    public synchronized java.util.Optional<dev.kato.event.EventId> lastAppended(
            ApprovedPath destination) {
        Appender a = appenders.get(destination);
        return a == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(a.last);
    }

    private void ensure(RecordingEffect.EnsureFile e, History history) throws IOException {
        if (files.exists(e.destination())) {
            return;
        }
        String text =
                e.destination().format() == DestinationFormat.MARKDOWN
                        ? Frontmatter.render(
                                factsSoFar(history), List.of(e.recordingId().toString()), options)
                        : "";
        files.replace(e.destination(), out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * What the session's stored events say about it (id, title, participants), as a snapshot's
     * frontmatter would: {@code ::init}'s frontmatter-only file describes the session too.
     */
    private SessionFacts factsSoFar(History history) throws IOException {
        MarkdownBodyWriter facts = new MarkdownBodyWriter(Writer.nullWriter(), options);
        try {
            history.replay(event -> {
                try {
                    if (!event.meta().fromSubAgent()) {
                        facts.accept(event);
                    }
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
        } catch (UncheckedIOException x) {
            throw x.getCause();
        }
        facts.finish();
        return facts.facts();
    }

    private void snapshot(RecordingEffect.Snapshot s, History history) throws IOException {
        appenders.remove(s.destination());
        resumeAfter.remove(s.destination());
        if (s.destination().format() == DestinationFormat.JSONL) {
            files.replace(
                    s.destination(),
                    out -> {
                        Writer w =
                                new BufferedWriter(
                                        new OutputStreamWriter(out, StandardCharsets.UTF_8));
                        replayBefore(s, history, e -> jsonl.write(e, w));
                        w.flush();
                    });
            return;
        }
        MarkdownBodyWriter[] body = new MarkdownBodyWriter[1];
        files.replaceComposed(
                s.destination(),
                out -> {
                    Writer w =
                            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                    body[0] = new MarkdownBodyWriter(w, options);
                    replayBefore(
                            s,
                            history,
                            e -> {
                                try {
                                    if (!e.meta().fromSubAgent()) {
                                        body[0].accept(e);
                                    }
                                } catch (IOException x) {
                                    throw new UncheckedIOException(x);
                                }
                            });
                    body[0].finish();
                    w.flush();
                },
                (out, head) -> {
                    String existing = new String(head, StandardCharsets.UTF_8);
                    switch (Frontmatter.merge(
                            existing,
                            body[0].facts(),
                            List.of(s.recordingId().toString()),
                            options)) {
                        case MergeOutcome.Merged m -> {
                            out.write(m.text().getBytes(StandardCharsets.UTF_8));
                            if (!m.text().isEmpty() && body[0].wroteAnything()) {
                                out.write('\n');
                            }
                        }
                        case MergeOutcome.Malformed bad -> throw new IOException(bad.message());
                    }
                },
                Frontmatter.MAX_EXISTING_CHARS * 4 + 64);
    }

    /** Replays every stored event before the command's message, then the message's own part. */
    private static void replayBefore(
            RecordingEffect.Snapshot s, History history, Consumer<ConversationEvent> sink)
            throws IOException {
        boolean[] reached = new boolean[1];
        try {
            history.replay(e -> {
                if (e.meta().eventId().equals(s.before())) {
                    reached[0] = true;
                }
                if (!reached[0]) {
                    sink.accept(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        s.tail().ifPresent(sink);
    }

    private void append(RecordingEffect.Append a, History history) throws IOException {
        Appender appender = appenders.get(a.destination());
        if (appender == null) {
            appender = new Appender(a.destination(), a.recordingId());
            dev.kato.event.EventId last = resumeAfter.remove(a.destination());
            if (last != null && files.exists(a.destination())) {
                appender.primeWith(find(history, last));
            }
            appenders.put(a.destination(), appender);
        }
        appender.append(a.event());
    }

    private static @org.jspecify.annotations.Nullable ConversationEvent find(
            History history, dev.kato.event.EventId id) throws IOException {
        ConversationEvent[] found = new ConversationEvent[1];
        try {
            history.replay(e -> {
                if (e.meta().eventId().equals(id)) {
                    found[0] = e;
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return found[0];
    }

    /** Renders events for one destination and appends them. */
    private final class Appender {
        private final ApprovedPath destination;
        private final String recordingId;
        private final StringWriter buffer = new StringWriter();
        private final MarkdownBodyWriter body;
        private boolean continuing;
        private dev.kato.event.@org.jspecify.annotations.Nullable EventId last;

        Appender(ApprovedPath destination, java.util.UUID recordingId) {
            this.destination = destination;
            this.recordingId = recordingId.toString();
            this.body = new MarkdownBodyWriter(buffer, options);
        }

        /**
         * Renders {@code previous} (the event that ends the file) into nothing, so the body writer
         * knows the current speaker; nothing to prime with when it is no longer stored.
         */
        void primeWith(@org.jspecify.annotations.Nullable ConversationEvent previous)
                throws IOException {
            if (previous == null || destination.format() != DestinationFormat.MARKDOWN) {
                return;
            }
            body.accept(previous);
            buffer.getBuffer().setLength(0);
            continuing = true;
            last = previous.meta().eventId();
        }

        void append(ConversationEvent event) throws IOException {
            if (event.meta().fromSubAgent()) {
                return;
            }
            last = event.meta().eventId();
            String text;
            if (destination.format() == DestinationFormat.JSONL) {
                text = jsonl.line(event);
            } else {
                boolean fresh = !files.exists(destination);
                buffer.getBuffer().setLength(0);
                body.accept(event);
                text = buffer.toString();
                if (fresh && !text.isEmpty()) {
                    text =
                            Frontmatter.render(body.facts(), List.of(recordingId), options)
                                    + "\n"
                                    + text;
                } else if (!continuing && !text.isEmpty()) {
                    text = "\n" + text; // a blank line between what the file holds and the
                    // first new block
                }
                continuing |= !text.isEmpty();
            }
            if (!text.isEmpty()) {
                files.append(destination, text.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}

package dev.kato.vault;

import dev.kato.event.ConversationEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;

/** Streams the committed events of one {@code events.jsonl}, one line in memory at a time. */
final class EventStream {
    private static final JsonlEventReader READER = new JsonlEventReader();

    private EventStream() {}

    static ReadSummary read(FileChannel events, long committedBytes, EventConsumer consumer)
            throws IOException {
        long delivered = 0;
        long rejected = 0;
        LineScanner lines =
                new LineScanner(events, 0, committedBytes, JsonlEventReader.MAX_LINE_BYTES);
        for (LineScanner.Line line = lines.next(); line != null; line = lines.next()) {
            if (!line.complete() || line.tooLong()) {
                rejected++;
                continue;
            }
            switch (READER.read(line.bytes(), 0, line.length())) {
                case EventReadResult.Parsed(ConversationEvent event) -> {
                    consumer.accept(event);
                    delivered++;
                }
                case EventReadResult.Rejected _ -> rejected++;
            }
        }
        return new ReadSummary(delivered, rejected);
    }
}

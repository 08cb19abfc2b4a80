package dev.kato.vault;

import dev.kato.event.ConversationEvent;
import dev.kato.event.SessionKey;
import dev.kato.state.Quarantine;
import java.io.IOException;
import java.nio.channels.FileChannel;
import org.jspecify.annotations.Nullable;

/**
 * Reconciles the part of {@code events.jsonl} beyond what {@code meta.json} committed (all of it
 * when there is no meta): keeps valid new lines, cuts at the first torn, invalid, foreign or
 * duplicate one (quarantining the cut bytes unless only a torn last line is lost).
 */
final class TailRecovery {
    private static final JsonlEventReader READER = new JsonlEventReader();

    private final SessionFiles files;
    private final FileChannel ch;
    private final IdIndex index;
    private @Nullable SessionStats stats;
    private @Nullable SessionKey key;
    private boolean changed;

    TailRecovery(
            SessionFiles files,
            FileChannel ch,
            IdIndex index,
            @Nullable SessionMeta meta,
            @Nullable SessionKey createAs) {
        this.files = files;
        this.ch = ch;
        this.index = index;
        this.key = meta != null ? meta.key() : createAs;
        this.stats =
                meta != null
                        ? new SessionStats(meta)
                        : key != null ? new SessionStats(SessionMeta.empty(key)) : null;
    }

    void run(long base, Quarantine quarantine) throws IOException {
        long size = ch.size();
        if (size == base) {
            return;
        }
        changed = true;
        LineScanner lines = new LineScanner(ch, base, size, JsonlEventReader.MAX_LINE_BYTES);
        long cutAt = size;
        String reason = null;
        for (LineScanner.Line line = lines.next(); line != null; line = lines.next()) {
            if (!line.complete()) {
                cutAt = line.offset();
                break;
            }
            reason = accept(line, lines.position());
            if (reason != null) {
                cutAt = line.offset();
                break;
            }
        }
        if (cutAt < size) {
            if (reason != null) {
                long from = cutAt;
                quarantine.writeAside(
                        files.events(), out -> OpenSession.copyRange(ch, from, size, out), reason);
            }
            ch.truncate(cutAt);
        }
        ch.force(true);
    }

    /** Counts the line and returns null, or returns why the tail must be cut here. */
    private @Nullable String accept(LineScanner.Line line, long next) throws IOException {
        if (line.tooLong()) {
            return "events.jsonl has an over-long line after the last committed event";
        }
        if (!(READER.read(line.bytes(), 0, line.length())
                instanceof EventReadResult.Parsed(ConversationEvent event))) {
            return "events.jsonl has an invalid line after the last committed event";
        }
        SessionKey own = new SessionKey(event.meta().provider(), event.meta().sessionId());
        if (key == null && own.katoSessionId().equals(files.id())) {
            key = own;
            stats = new SessionStats(SessionMeta.empty(own));
        }
        if (stats == null || !own.equals(key)) {
            return "events.jsonl has an event of another session";
        }
        String id = event.meta().eventId().value();
        long fp = index.fingerprint(id);
        if (index.contains(id, fp, line.offset())) {
            return "events.jsonl repeats an event after the last committed event";
        }
        index.add(fp, line.offset());
        stats.add(event, next - line.offset());
        return null;
    }

    @Nullable SessionStats stats() {
        return stats;
    }

    boolean changed() {
        return changed;
    }
}

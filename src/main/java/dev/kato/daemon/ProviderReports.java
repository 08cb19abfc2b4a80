package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.ingest.SessionFile;
import dev.kato.ipc.FrameException;
import dev.kato.ipc.ProviderMessage;
import dev.kato.vault.EventReadResult;
import dev.kato.vault.JsonlEventReader;
import dev.kato.vault.RenderedBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's checks on what one provider worker reports: the worker parses hostile input, so it
 * is trusted no further than its envelope. A file must lie strictly under one of the worker's roots
 * (a normalized path) and belong to its provider; every line of a batch must read back, strictly,
 * as a canonical event of that provider, one line feed at its end and no other line break. A report
 * that fails is a {@link FrameException}: the daemon kills the worker and audits it.
 */
final class ProviderReports {
    private static final JsonlEventReader READER = new JsonlEventReader();

    private final Provider provider;
    private final List<Path> roots;

    ProviderReports(Provider provider, List<Path> roots) {
        this.provider = requireNonNull(provider, "provider");
        this.roots = List.copyOf(roots);
    }

    /** A batch's events, and its lines as the vault will store them. */
    record Lines(List<ConversationEvent> events, RenderedBatch rendered) {}

    /** The file, if it lies under this worker's roots and belongs to its provider. */
    SessionFile checked(SessionFile file) throws FrameException {
        Path p = file.path();
        if (file.provider() != provider
                || !p.isAbsolute()
                || !p.equals(p.normalize())
                || roots.stream().noneMatch(r -> p.startsWith(r) && !p.equals(r))) {
            throw new FrameException("a report about a file outside the worker's roots");
        }
        return file;
    }

    /** The batch's lines read back as events of this provider, and as the vault's lines. */
    Lines lines(ProviderMessage.Batch b) throws FrameException {
        List<ConversationEvent> events = new ArrayList<>(b.lines());
        long total = 0;
        for (int i = 0; i < b.lines(); i++) {
            total += b.lengths()[i];
        }
        // the lines together fit the frame they came in, so at most its length
        byte[] bytes = new byte[(int) Math.min(total, b.data().length)];
        int size = 0;
        int[] ends = new int[b.lines()];
        for (int i = 0; i < b.lines(); i++) {
            EventReadResult read = READER.read(b.data(), b.starts()[i], b.lengths()[i]);
            if (!(read instanceof EventReadResult.Parsed(ConversationEvent event))
                    || event.meta().provider() != provider) {
                throw new FrameException(
                        "a batch line that is not a canonical " + provider.id() + " event");
            }
            events.add(event);
            System.arraycopy(b.data(), b.starts()[i], bytes, size, b.lengths()[i]);
            size += b.lengths()[i];
            ends[i] = size;
        }
        try {
            return new Lines(events, RenderedBatch.ofReadLines(events, bytes, ends));
        } catch (IllegalArgumentException e) {
            throw new FrameException("malformed batch lines: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ProviderReports[" + provider.id() + ", roots=" + roots.size() + "]";
    }
}

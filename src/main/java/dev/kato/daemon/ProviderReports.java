package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import dev.kato.event.Provider;
import dev.kato.ingest.SessionFile;
import dev.kato.ipc.FrameException;
import dev.kato.ipc.ProviderMessage;
import dev.kato.vault.LineEvent;
import dev.kato.vault.LineSkimmer;
import dev.kato.vault.RenderedBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's checks on what one provider worker reports: the worker parses hostile input, so it
 * is trusted no further than its envelope. A file must lie strictly under one of the worker's roots
 * (a normalized path) and belong to its provider; every line of a batch must read back, strictly,
 * as a canonical event of that provider, one line feed at its end and no other line break. A report
 * that fails is a {@link FrameException}: the daemon kills the worker and audits it.
 */
final class ProviderReports {
    private static final LineSkimmer SKIMMER = new LineSkimmer();

    private final Provider provider;
    private final List<Path> roots;

    ProviderReports(Provider provider, List<Path> roots) {
        this.provider = requireNonNull(provider, "provider");
        this.roots = List.copyOf(roots);
    }

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

    /**
     * The batch's lines as the vault will store them, each read back as an event of this provider:
     * whole, or skimmed when the daemon only stores it (see {@link LineSkimmer}), checked as
     * strictly either way.
     */
    RenderedBatch lines(ProviderMessage.Batch b) throws FrameException {
        long total = 0;
        for (int i = 0; i < b.lines(); i++) {
            total += b.lengths()[i];
        }
        // the lines together fit the frame they came in, so at most its length; copied out of the
        // frame first, as a skimmed event keeps the array its line is in
        byte[] bytes = new byte[(int) Math.min(total, b.data().length)];
        int size = 0;
        int[] ends = new int[b.lines()];
        for (int i = 0; i < b.lines(); i++) {
            System.arraycopy(b.data(), b.starts()[i], bytes, size, b.lengths()[i]);
            size += b.lengths()[i];
            ends[i] = size;
        }
        List<LineEvent> events = new ArrayList<>(b.lines());
        int start = 0;
        for (int end : ends) {
            Optional<LineEvent> read = SKIMMER.read(bytes, start, end - start);
            if (read.isEmpty() || read.get().meta().provider() != provider) {
                throw new FrameException(
                        "a batch line that is not a canonical " + provider.id() + " event");
            }
            events.add(read.get());
            start = end;
        }
        try {
            return RenderedBatch.ofReadLines(events, bytes, ends);
        } catch (IllegalArgumentException e) {
            throw new FrameException("malformed batch lines: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ProviderReports[" + provider.id() + ", roots=" + roots.size() + "]";
    }
}

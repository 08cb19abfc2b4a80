package dev.kato.ingest;

import dev.kato.provider.ParseSink;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/**
 * Reads a whole session file once through its parser in fixed-size chunks, so memory stays bounded
 * by the chunk size and the parser's line limit, whatever the file size.
 */
public final class SessionFileReader {
    private static final int CHUNK = 1 << 20;

    private final ParserLimits limits;

    public SessionFileReader(ParserLimits limits) {
        this.limits = limits;
    }

    /** Parses {@code file} from its first byte to its current end into {@code sink}. */
    public void readAll(SessionFile file, ParseSink sink) throws IOException {
        readAll(file, sink, bytes -> {});
    }

    /**
     * As {@link #readAll(SessionFile, ParseSink)}, reporting the bytes read so far after each
     * chunk.
     */
    public void readAll(SessionFile file, ParseSink sink, java.util.function.LongConsumer progress)
            throws IOException {
        SessionParser parser = SessionParsers.create(file.parseContext(), limits);
        byte[] buf = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file.path())) {
            int n;
            long total = 0;
            while ((n = in.read(buf)) > 0) {
                parser.feed(buf, 0, n, sink);
                total += n;
                progress.accept(total);
            }
        }
        parser.endOfInput(sink);
    }
}

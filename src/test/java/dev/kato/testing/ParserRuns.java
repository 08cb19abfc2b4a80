package dev.kato.testing;

import dev.kato.event.ConversationEvent;
import dev.kato.provider.SessionParser;
import dev.kato.vault.RenderedBatch;
import dev.kato.writer.JsonlRenderer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Runs a parser over bytes whole, in random chunks, and over CRLF copies. */
public final class ParserRuns {
    private ParserRuns() {}

    /** Feeds all bytes at once, then end of input. */
    public static CollectingSink whole(Supplier<SessionParser> parsers, byte[] bytes) {
        SessionParser parser = parsers.get();
        CollectingSink sink = new CollectingSink();
        parser.feed(bytes, 0, bytes.length, sink);
        parser.endOfInput(sink);
        return sink;
    }

    /**
     * Feeds the bytes in random chunks (1 byte up to {@code maxChunk}), calling end of input after
     * some chunks, as a tailer would.
     */
    public static CollectingSink chunked(
            Supplier<SessionParser> parsers, byte[] bytes, long seed, int maxChunk) {
        Random random = new Random(seed);
        SessionParser parser = parsers.get();
        CollectingSink sink = new CollectingSink();
        int pos = 0;
        while (pos < bytes.length) {
            int n = Math.min(bytes.length - pos, 1 + random.nextInt(maxChunk));
            byte[] copy =
                    java.util.Arrays.copyOfRange(
                            bytes, pos, pos + n); // a fresh buffer, as a reader gives
            parser.feed(copy, 0, n, sink);
            pos += n;
            if (random.nextInt(4) == 0) {
                parser.endOfInput(sink);
            }
        }
        parser.endOfInput(sink);
        return sink;
    }

    /** The same bytes with every {@code \n} turned into {@code \r\n}. */
    public static byte[] crlf(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + bytes.length / 20);
        for (byte b : bytes) {
            if (b == '\n') {
                out.write('\r');
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    /**
     * Canonical JSONL of events: what golden files hold. The lines are rendered both ways: as
     * characters ({@link JsonlRenderer#line}, exports) and as a provider worker sends them ({@link
     * RenderedBatch#of}: UTF-8, tool output copied in its canonical spelling), which must agree
     * byte for byte.
     */
    public static String jsonl(List<ConversationEvent> events) {
        JsonlRenderer renderer = new JsonlRenderer();
        StringBuilder sb = new StringBuilder();
        for (ConversationEvent e : events) {
            sb.append(renderer.line(e));
        }
        String text = sb.toString();
        String sent = new String(RenderedBatch.of(events).lineBytes(), StandardCharsets.UTF_8);
        if (!sent.equals(text)) {
            throw new AssertionError("a worker's lines differ from the character rendering");
        }
        return text;
    }
}

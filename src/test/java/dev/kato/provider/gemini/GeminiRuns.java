package dev.kato.provider.gemini;

import dev.kato.event.Provider;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;
import dev.kato.testing.CollectingSink;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Runs the Gemini parsers the way the tailer does, for tests. */
final class GeminiRuns {
    private GeminiRuns() {}

    static Supplier<SessionParser> parsers(String fileName) {
        return () ->
                GeminiParsers.create(
                        ParseContext.main(Provider.GEMINI, fileName), ParserLimits.DEFAULT);
    }

    /**
     * Feeds each snapshot of a rewritten document whole (in random chunks when {@code seed} is not
     * null), each followed by one end of input.
     */
    static CollectingSink snapshots(
            SessionParser parser, List<byte[]> snapshots, @Nullable Long seed) {
        CollectingSink sink = new CollectingSink();
        Random random = new Random(seed == null ? 0 : seed);
        for (byte[] snapshot : snapshots) {
            int pos = 0;
            while (pos < snapshot.length) {
                int n =
                        seed == null
                                ? snapshot.length
                                : Math.min(snapshot.length - pos, 1 + random.nextInt(97));
                byte[] copy = Arrays.copyOfRange(snapshot, pos, pos + n);
                parser.feed(copy, 0, n, sink);
                pos += n;
            }
            parser.endOfInput(sink);
        }
        return sink;
    }
}

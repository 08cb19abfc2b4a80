package dev.kato.bench;

import dev.kato.event.ConversationEvent;
import dev.kato.event.Provider;
import dev.kato.ingest.SessionParsers;
import dev.kato.provider.Anomaly;
import dev.kato.provider.ParseContext;
import dev.kato.provider.ParseSink;
import dev.kato.provider.ParserLimits;
import dev.kato.provider.SessionParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse throughput, one thread: a generated realistic session (~64 MiB, tool results up to ~48 KB
 * per line) fed in 1 MiB chunks, as the tailer reads, into a fresh parser. MB/s = size / time per
 * op; {@code bench/parse.sh} prints it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class ParseBench {
    static final int SIZE = 64 * 1024 * 1024;
    static final int CHUNK = 1 << 20;

    @Param({"claude", "codex"})
    public String provider;

    /**
     * {@code kept}: as a provider worker parses (long texts kept in their canonical spelling);
     * {@code decoded}: as an export parses (every string decoded).
     */
    @Param({"kept", "decoded"})
    public String texts;

    private byte[] session;

    @Setup(Level.Trial)
    public void generate() {
        session = SessionGenerator.inMemory(provider, SIZE);
    }

    @Benchmark
    public long parse(Blackhole bh) {
        Provider p = Provider.tryParse(provider).orElseThrow();
        String name = p == Provider.CODEX ? "rollout-2026-11-01T09-00-00-x.jsonl" : "session.jsonl";
        ParserLimits limits =
                texts.equals("kept")
                        ? ParserLimits.DEFAULT.keepingTextSpelling()
                        : ParserLimits.DEFAULT;
        SessionParser parser = SessionParsers.create(ParseContext.main(p, name), limits);
        long[] count = new long[1];
        ParseSink sink =
                new ParseSink() {
                    @Override
                    public void event(ConversationEvent event) {
                        count[0]++;
                        bh.consume(event);
                    }

                    @Override
                    public void anomaly(Anomaly anomaly) {
                        throw new IllegalStateException(
                                "generated session must parse cleanly: " + anomaly);
                    }
                };
        for (int off = 0; off < session.length; off += CHUNK) {
            parser.feed(session, off, Math.min(CHUNK, session.length - off), sink);
        }
        parser.endOfInput(sink);
        return count[0];
    }

    /** Size of the generated session in bytes, for the MB/s figure. */
    public int size() {
        return session.length;
    }
}

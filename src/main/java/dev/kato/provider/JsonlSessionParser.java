package dev.kato.provider;

import static java.util.Objects.requireNonNull;

import dev.kato.json.JsonBytes;
import dev.kato.json.JsonTreeReader;
import dev.kato.json.JsonValue;
import dev.kato.json.MalformedJsonException;
import java.util.Arrays;

/**
 * Frames an append-only JSONL log into complete lines and hands each parsed record to a {@link
 * RecordParser}. Splits on {@code \n} in bytes, drops a trailing {@code \r} and a leading UTF-8
 * BOM, keeps an unterminated trailing line until its newline arrives, and skips (with an anomaly)
 * lines that are malformed or longer than {@link ParserLimits#maxLineBytes()} — the latter without
 * ever buffering more than the limit.
 */
public final class JsonlSessionParser implements SessionParser {
    private final ParserLimits limits;
    private final JsonTreeReader reader;
    private final RecordParser records;

    private byte[] pending = new byte[0];
    private int pendingLen;
    private boolean discarding;

    /** Offset in the file of the first byte not yet fed. */
    private long fed;

    /** Offset just after the last complete line. */
    private long committed;

    /** {@link #committed} at the last {@link #dropPartialLine} (or the start). */
    private long committedAtLastDrop;

    public JsonlSessionParser(ParserLimits limits, RecordParser records) {
        this.limits = requireNonNull(limits, "limits");
        this.records = requireNonNull(records, "records");
        this.reader = new JsonTreeReader(limits.json(), limits.keepTextSpelling());
    }

    /**
     * Starts framing at {@code offset} (a cursor previously returned by {@link #committedOffset}).
     */
    public JsonlSessionParser resumeAt(long offset) {
        if (fed != 0 || offset < 0) {
            throw new IllegalStateException(
                    "resumeAt must be called before feeding, with offset >= 0");
        }
        fed = offset;
        committed = offset;
        committedAtLastDrop = offset;
        return this;
    }

    @Override
    public void feed(byte[] buf, int off, int len, ParseSink sink) {
        int end = off + len;
        int start = off;
        for (int i = JsonBytes.indexOf(buf, off, end, (byte) '\n');
                i >= 0;
                i = JsonBytes.indexOf(buf, i + 1, end, (byte) '\n')) {
            long lineEnd = fed + (i - off) + 1;
            if (discarding) {
                sink.anomaly(
                        new Anomaly(
                                AnomalyKind.LINE_TOO_LONG,
                                committed,
                                "line over " + limits.maxLineBytes() + " bytes"));
                discarding = false;
                pendingLen = 0;
            } else if (pendingLen == 0) {
                handleLine(buf, start, i - start, committed, sink);
            } else if (append(buf, start, i - start)) {
                handleLine(pending, 0, pendingLen, committed, sink);
                pendingLen = 0;
            } else {
                sink.anomaly(
                        new Anomaly(
                                AnomalyKind.LINE_TOO_LONG,
                                committed,
                                "line over " + limits.maxLineBytes() + " bytes"));
            }
            committed = lineEnd;
            start = i + 1;
        }
        if (start < end && !discarding && !append(buf, start, end - start)) {
            discarding = true;
        }
        fed += len;
        if (pendingLen == 0 && pending.length > 0) {
            // A tailed file's parser lives as long as the daemon: keeping the buffer of the last
            // line that crossed a read boundary would make memory grow with the number of files.
            pending = new byte[0];
        }
    }

    @Override
    public void endOfInput(ParseSink sink) {
        // An unterminated trailing line may still be being written: keep it for the next feed.
    }

    @Override
    public long committedOffset() {
        return committed;
    }

    @Override
    public boolean dropPartialLine() {
        boolean lineEnded = committed > committedAtLastDrop;
        committedAtLastDrop = committed;
        if (pendingLen == 0 || discarding || !lineEnded) {
            return false;
        }
        pendingLen = 0;
        pending = new byte[0];
        fed = committed;
        return true;
    }

    /**
     * Appends to the pending buffer; false (and the buffer dropped) when it would exceed the limit.
     */
    private boolean append(byte[] buf, int off, int len) {
        long needed = (long) pendingLen + len;
        if (needed > limits.maxLineBytes()) {
            pendingLen = 0;
            pending = new byte[0];
            return false;
        }
        if (needed > pending.length) {
            pending =
                    Arrays.copyOf(
                            pending,
                            (int)
                                    Math.min(
                                            limits.maxLineBytes(),
                                            Math.max(needed, pending.length * 2L)));
        }
        System.arraycopy(buf, off, pending, pendingLen, len);
        pendingLen = (int) needed;
        return true;
    }

    private void handleLine(byte[] buf, int off, int len, long lineStart, ParseSink sink) {
        if (len > limits.maxLineBytes()) {
            sink.anomaly(
                    new Anomaly(
                            AnomalyKind.LINE_TOO_LONG,
                            lineStart,
                            "line over " + limits.maxLineBytes() + " bytes"));
            return;
        }
        if (lineStart == 0
                && len >= 3
                && (buf[off] & 0xFF) == 0xEF
                && (buf[off + 1] & 0xFF) == 0xBB
                && (buf[off + 2] & 0xFF) == 0xBF) {
            off += 3;
            len -= 3;
        }
        if (len > 0 && buf[off + len - 1] == '\r') {
            len--;
        }
        if (isBlank(buf, off, len)) {
            return;
        }
        JsonValue record;
        try {
            record = reader.read(buf, off, len);
        } catch (MalformedJsonException e) {
            sink.anomaly(new Anomaly(AnomalyKind.MALFORMED, lineStart, e.getMessage()));
            return;
        }
        if (!record.isObject()) {
            sink.anomaly(
                    new Anomaly(
                            AnomalyKind.UNEXPECTED_SHAPE,
                            lineStart,
                            "record is not a JSON object"));
            return;
        }
        try {
            records.onRecord(record, new RawLine(buf, off, len, lineStart), sink);
        } catch (RuntimeException e) {
            // A record parser must not take the whole session down on one odd record.
            sink.anomaly(
                    new Anomaly(
                            AnomalyKind.UNEXPECTED_SHAPE,
                            lineStart,
                            "record rejected: " + e.getClass().getSimpleName()));
        }
    }

    private static boolean isBlank(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}

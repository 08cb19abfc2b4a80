package dev.kato.ipc;

import static java.util.Objects.requireNonNull;

import dev.kato.event.Provider;
import dev.kato.ingest.IngestCursor;
import dev.kato.ingest.Provenance;
import dev.kato.ingest.SessionFile;
import dev.kato.ingest.TailStatus;
import dev.kato.provider.Anomaly;
import dev.kato.provider.AnomalyKind;
import dev.kato.provider.FileRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a provider worker reports, in the order its reading produced it: {@link Ready} once, then
 * files appearing, batches of events (as canonical JSONL lines), resets, removals and failures, and
 * {@link Scanned} once after the start-up scan. Descriptions are short printable ASCII and never
 * quote a log. A batch's lines are conversation content, so {@code toString} shows only counts.
 */
public sealed interface ProviderMessage {
    /** Largest body of a message frame: a batch of the largest document or line a parser takes. */
    int MAX_BODY = 320 << 20;

    int MAX_TEXT = 4096;
    int MAX_DESCRIPTION = 300;

    byte READY = 111;
    byte APPEARED = 112;
    byte BATCH = 113;
    byte RESET = 114;
    byte REMOVED = 115;
    byte FAILED = 116;
    byte STOPPED = 117;
    byte SCANNED = 118;

    /**
     * The worker is up and what confines it, as its kernel answered.
     *
     * @param undenied the names of the start-up probes (read, write, exec, tcp, unix, chmod, env)
     *     the kernel did not deny, comma-separated; empty when it denied all of them
     */
    record Ready(boolean landlock, boolean seccomp, String undenied) implements ProviderMessage {
        public Ready {
            if (!printable(undenied, MAX_DESCRIPTION)) {
                throw new IllegalArgumentException("probe names not short printable ASCII");
            }
        }
    }

    /** A session file was found (see {@code IngestListener#fileAppeared}). */
    record Appeared(SessionFile file, boolean presentAtStart) implements ProviderMessage {
        public Appeared {
            requireNonNull(file, "file");
        }
    }

    /**
     * New events of one file, as canonical JSONL lines (each with its line feed), and the cursor
     * after them.
     *
     * @param data the frame body the lines are in
     * @param starts where each line starts in {@code data}
     * @param lengths each line's length
     */
    record Batch(
            SessionFile file,
            Provenance provenance,
            IngestCursor cursor,
            List<Anomaly> anomalies,
            byte[] data,
            int[] starts,
            int[] lengths)
            implements ProviderMessage {
        public Batch {
            requireNonNull(file, "file");
            requireNonNull(provenance, "provenance");
            requireNonNull(cursor, "cursor");
            anomalies = List.copyOf(anomalies);
            requireNonNull(data, "data");
            if (starts.length != lengths.length) {
                throw new IllegalArgumentException("starts and lengths differ in number");
            }
        }

        public int lines() {
            return starts.length;
        }

        @Override
        public String toString() {
            return "Batch[" + file.provider().id() + ", lines=" + starts.length + "]";
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** The file was truncated or replaced; reading restarts at byte 0. */
    record Reset(SessionFile file, TailStatus reason) implements ProviderMessage {
        public Reset {
            requireNonNull(file, "file");
            requireNonNull(reason, "reason");
        }
    }

    /** The file is gone. */
    record Removed(SessionFile file) implements ProviderMessage {
        public Removed {
            requireNonNull(file, "file");
        }
    }

    /** Reading a file (or, without one, the worker's scan) failed; retried on its next change. */
    record Failed(Optional<SessionFile> file, String description) implements ProviderMessage {
        public Failed {
            requireNonNull(file, "file");
            if (!printable(description, MAX_DESCRIPTION)) {
                throw new IllegalArgumentException("description not short printable ASCII");
            }
        }
    }

    /** Reading stopped for good (the worker ends after this). */
    record Stopped(String description) implements ProviderMessage {
        public Stopped {
            if (!printable(description, MAX_DESCRIPTION)) {
                throw new IllegalArgumentException("description not short printable ASCII");
            }
        }
    }

    /** Every file present at start has been reported. */
    record Scanned() implements ProviderMessage {}

    /** {@code text} cut to {@code max} characters, everything but printable ASCII replaced. */
    static String sanitize(String text, int max) {
        return WriterReply.sanitize(text, max);
    }

    private static boolean printable(String s, int max) {
        return s.length() <= max && s.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    /**
     * Encodes a batch whose lines are given back to back in {@code lines}, ending at {@code ends}.
     */
    static Frame batch(
            SessionFile file,
            Provenance provenance,
            IngestCursor cursor,
            List<Anomaly> anomalies,
            byte[] lines,
            int[] ends) {
        BodyOut out = new BodyOut(lines.length + 16 * ends.length + 256);
        file(out, file);
        out.u8(provenance.ordinal()).text(cursor.fileKey()).i64(cursor.offset());
        out.i32(anomalies.size());
        for (Anomaly a : anomalies) {
            out.u8(a.kind().ordinal()).i64(a.offset()).text(sanitize(a.detail(), MAX_DESCRIPTION));
        }
        out.i32(ends.length);
        int start = 0;
        for (int end : ends) {
            out.blob(lines, start, end - start);
            start = end;
        }
        return out.frame(BATCH);
    }

    default Frame encode() {
        return switch (this) {
            case Ready r ->
                    new BodyOut(16)
                            .bool(r.landlock())
                            .bool(r.seccomp())
                            .text(r.undenied())
                            .frame(READY);
            case Appeared a ->
                    file(new BodyOut(128), a.file()).bool(a.presentAtStart()).frame(APPEARED);
            case Batch b -> {
                java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream();
                int[] ends = new int[b.lines()];
                for (int i = 0; i < b.lines(); i++) {
                    lines.write(b.data(), b.starts()[i], b.lengths()[i]);
                    ends[i] = lines.size();
                }
                yield batch(
                        b.file(),
                        b.provenance(),
                        b.cursor(),
                        b.anomalies(),
                        lines.toByteArray(),
                        ends);
            }
            case Reset r -> file(new BodyOut(128), r.file()).u8(r.reason().ordinal()).frame(RESET);
            case Removed r -> file(new BodyOut(128), r.file()).frame(REMOVED);
            case Failed f -> {
                BodyOut out = new BodyOut(128).bool(f.file().isPresent());
                f.file().ifPresent(file -> file(out, file));
                yield out.text(f.description()).frame(FAILED);
            }
            case Stopped s -> new BodyOut(64).text(s.description()).frame(STOPPED);
            case Scanned s -> new Frame(SCANNED, new byte[0]);
        };
    }

    /** Decodes a frame strictly; anything out of shape is a {@link FrameException}. */
    static ProviderMessage decode(Frame frame) throws FrameException {
        BodyIn in = new BodyIn(frame.body());
        ProviderMessage message =
                switch (frame.type()) {
                    case READY -> {
                        boolean landlock = in.bool();
                        boolean seccomp = in.bool();
                        yield new Ready(landlock, seccomp, description(in));
                    }
                    case APPEARED -> {
                        SessionFile file = file(in);
                        yield new Appeared(file, in.bool());
                    }
                    case BATCH -> batch(in, frame.body());
                    case RESET -> {
                        SessionFile file = file(in);
                        TailStatus reason = ordinal(TailStatus.values(), in.u8());
                        if (reason != TailStatus.TRUNCATED && reason != TailStatus.REPLACED) {
                            throw new FrameException("malformed reset");
                        }
                        yield new Reset(file, reason);
                    }
                    case REMOVED -> new Removed(file(in));
                    case FAILED -> {
                        Optional<SessionFile> file =
                                in.bool() ? Optional.of(file(in)) : Optional.empty();
                        yield new Failed(file, description(in));
                    }
                    case STOPPED -> new Stopped(description(in));
                    case SCANNED -> new Scanned();
                    default -> throw new FrameException("unknown message type " + frame.type());
                };
        in.end();
        return message;
    }

    private static Batch batch(BodyIn in, byte[] body) throws FrameException {
        SessionFile file = file(in);
        Provenance provenance = ordinal(Provenance.values(), in.u8());
        String key = in.text(MAX_TEXT);
        long offset = in.i64();
        if (offset < 0) {
            throw new FrameException("malformed cursor");
        }
        int anomalyCount = in.count(13);
        List<Anomaly> anomalies = new ArrayList<>(anomalyCount);
        for (int i = 0; i < anomalyCount; i++) {
            AnomalyKind kind = ordinal(AnomalyKind.values(), in.u8());
            long at = in.i64();
            anomalies.add(new Anomaly(kind, at, description(in)));
        }
        int lines = in.count(4);
        int[] starts = new int[lines];
        int[] lengths = new int[lines];
        for (int i = 0; i < lines; i++) {
            starts[i] = in.blobAt(MAX_BODY);
            lengths[i] = in.lengthAt(starts[i]);
        }
        return new Batch(
                file, provenance, new IngestCursor(key, offset), anomalies, body, starts, lengths);
    }

    private static BodyOut file(BodyOut out, SessionFile file) {
        out.u8(file.provider().ordinal()).text(file.path().toString()).u8(file.role().ordinal());
        out.bool(file.agentId() != null);
        if (file.agentId() != null) {
            out.text(file.agentId());
        }
        return out;
    }

    private static SessionFile file(BodyIn in) throws FrameException {
        Provider provider = ordinal(Provider.values(), in.u8());
        String path = in.text(MAX_TEXT);
        FileRole role = ordinal(FileRole.values(), in.u8());
        @Nullable String agent = in.bool() ? in.text(MAX_TEXT) : null;
        try {
            Path p = Path.of(path);
            if (!p.isAbsolute()) {
                throw new FrameException("file paths must be absolute");
            }
            return new SessionFile(provider, p, role, agent);
        } catch (RuntimeException e) {
            throw new FrameException("malformed file");
        }
    }

    private static String description(BodyIn in) throws FrameException {
        String s = in.text(MAX_DESCRIPTION);
        if (!printable(s, MAX_DESCRIPTION)) {
            throw new FrameException("description not short printable ASCII");
        }
        return s;
    }

    private static <E> E ordinal(E[] values, int i) throws FrameException {
        if (i >= values.length) {
            throw new FrameException("unknown value " + i);
        }
        return values[i];
    }
}

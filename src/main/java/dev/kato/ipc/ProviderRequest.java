package dev.kato.ipc;

import static java.util.Objects.requireNonNull;

import dev.kato.ingest.IngestCursor;
import java.nio.file.Path;
import java.util.List;

/**
 * What the daemon sends a provider worker: the stored cursors of its files (any number of {@link
 * Cursors} frames), then {@link Go}. Nothing follows; closing the pipe ends the worker.
 */
public sealed interface ProviderRequest {
    /** Largest body of a request frame. */
    int MAX_BODY = 1 << 20;

    int MAX_PATH_BYTES = 4096;

    byte CURSORS = 11;
    byte GO = 12;

    /** Where reading of each file stopped last time. */
    record Cursors(List<FileCursor> cursors) implements ProviderRequest {
        public Cursors {
            cursors = List.copyOf(cursors);
        }
    }

    /** Start reading. */
    record Go() implements ProviderRequest {}

    /** One file's cursor. */
    record FileCursor(Path path, IngestCursor cursor) {
        public FileCursor {
            requireNonNull(path, "path");
            requireNonNull(cursor, "cursor");
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("cursor paths must be absolute");
            }
        }
    }

    default Frame encode() {
        return switch (this) {
            case Cursors(List<FileCursor> list) -> {
                BodyOut out = new BodyOut(64 * list.size());
                out.i32(list.size());
                for (FileCursor c : list) {
                    out.text(c.path().toString())
                            .text(c.cursor().fileKey())
                            .i64(c.cursor().offset());
                }
                yield out.frame(CURSORS);
            }
            case Go() -> new Frame(GO, new byte[0]);
        };
    }

    static ProviderRequest decode(Frame frame) throws FrameException {
        BodyIn in = new BodyIn(frame.body());
        ProviderRequest request =
                switch (frame.type()) {
                    case CURSORS -> {
                        int n = in.count(16);
                        List<FileCursor> list = new java.util.ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            String path = in.text(MAX_PATH_BYTES);
                            String key = in.text(MAX_PATH_BYTES);
                            long offset = in.i64();
                            try {
                                list.add(
                                        new FileCursor(
                                                Path.of(path), new IngestCursor(key, offset)));
                            } catch (RuntimeException e) {
                                throw new FrameException("malformed cursor");
                            }
                        }
                        yield new Cursors(list);
                    }
                    case GO -> new Go();
                    default -> throw new FrameException("unknown request type " + frame.type());
                };
        in.end();
        return request;
    }
}

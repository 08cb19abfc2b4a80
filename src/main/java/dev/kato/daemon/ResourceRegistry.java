package dev.kato.daemon;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything the daemon opened, closed in reverse order of registration. A failing close does not
 * stop the others; the first failure is rethrown with the rest suppressed.
 */
final class ResourceRegistry implements AutoCloseable {
    /** A resource whose close may fail with an I/O error. */
    @FunctionalInterface
    interface Resource {
        void close() throws IOException;
    }

    private final Deque<Resource> resources = new ArrayDeque<>();
    private boolean closed;

    /** Registers {@code resource} and returns it. */
    synchronized <T extends Resource> T register(T resource) {
        requireNonNull(resource, "resource");
        if (closed) {
            throw new IllegalStateException("the registry is already closed");
        }
        resources.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        IOException first = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (IOException | RuntimeException e) {
                IOException wrapped = e instanceof IOException io ? io : new IOException(e);
                if (first == null) {
                    first = wrapped;
                } else {
                    first.addSuppressed(wrapped);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

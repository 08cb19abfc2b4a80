package dev.kato.daemon;

import dev.kato.control.DaemonStatus;
import java.io.IOException;

/**
 * The seam through which the daemon's work plugs in: ingestion, recordings and in-chat commands
 * (later issues) implement this, {@code Daemon} starts it once the lock is held, asks it for its
 * part of {@code kato status}, and closes it on shutdown (before the socket and lock go away).
 */
interface DaemonServices extends ResourceRegistry.Resource {
    /** Starts background work; called once, before the control socket accepts connections. */
    void start() throws IOException;

    /**
     * This service's part of the status reply: sessions (stale ones only when {@code
     * includeStale}), recordings, command outcomes, errors and sandbox roles. Must be fast and must
     * not block on I/O; it runs on a control-connection thread.
     */
    DaemonStatus.Activity activity(boolean includeStale);

    @Override
    void close() throws IOException;

    /** No services yet: every status section is empty. */
    static DaemonServices none() {
        return new DaemonServices() {
            @Override
            public void start() {}

            @Override
            public DaemonStatus.Activity activity(boolean includeStale) {
                return DaemonStatus.Activity.EMPTY;
            }

            @Override
            public void close() {}
        };
    }
}

package dev.kato.cli;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/** What the CLI finds when it looks for the daemon of its {@code KATO_HOME}. */
sealed interface DaemonState {
    /** A daemon answered a ping. */
    record Running(long pid) implements DaemonState {}

    /**
     * No process holds the lock. {@code stalePid} and {@code staleSocket} describe files a crashed
     * daemon left behind (harmless; {@code kato stop} or the next start cleans them up).
     */
    record NotRunning(OptionalLong stalePid, boolean staleSocket) implements DaemonState {
        public NotRunning {
            requireNonNull(stalePid, "stalePid");
        }

        boolean stale() {
            return stalePid.isPresent() || staleSocket;
        }
    }

    /** A process holds the lock but does not answer (starting, hung, or refusing this user). */
    record Unresponsive(OptionalLong pid, String reason) implements DaemonState {
        public Unresponsive {
            requireNonNull(pid, "pid");
            requireNonNull(reason, "reason");
        }
    }
}

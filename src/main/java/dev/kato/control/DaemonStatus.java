package dev.kato.control;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code kato status} shows: the daemon itself, the providers it reads, and the activity
 * sections that the ingestion, recording and command services fill in ({@link Activity}).
 *
 * @param pid the daemon's process id
 * @param startedAt when the daemon acquired its lock
 * @param observedAt when this status was taken (uptime is measured up to here)
 * @param katoHome {@code KATO_HOME}
 * @param configPath the configuration file the daemon loaded
 * @param configSha256 lower-case hex SHA-256 of that file (the policy version)
 * @param providers each provider and its session roots, in config order
 * @param activity sessions, recordings, command outcomes, errors and sandbox roles
 */
public record DaemonStatus(
        long pid,
        Instant startedAt,
        Instant observedAt,
        String katoHome,
        String configPath,
        String configSha256,
        List<ProviderStatus> providers,
        Activity activity) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public DaemonStatus {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        requireNonNull(startedAt, "startedAt");
        requireNonNull(observedAt, "observedAt");
        requireNonNull(katoHome, "katoHome");
        requireNonNull(configPath, "configPath");
        requireNonNull(configSha256, "configSha256");
        if (!SHA256.matcher(configSha256).matches()) {
            throw new IllegalArgumentException("configSha256 must be 64 lower-case hex digits");
        }
        providers = List.copyOf(providers);
        requireNonNull(activity, "activity");
    }

    /** How long the daemon has been up when this status was taken (never negative). */
    public Duration uptime() {
        Duration d = Duration.between(startedAt, observedAt);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Paths may lie under the home directory: counts only. */
    @Override
    public String toString() {
        return "DaemonStatus[pid="
                + pid
                + ", uptime="
                + uptime()
                + ", providers="
                + providers.size()
                + ", "
                + activity
                + "]";
    }

    /** One provider ({@code claude}, {@code codex}, {@code gemini}) and its session roots. */
    public record ProviderStatus(String id, List<RootStatus> roots) {
        public ProviderStatus {
            requireNonNull(id, "id");
            roots = List.copyOf(roots);
        }
    }

    /** A configured session root and whether it exists as a directory right now. */
    public record RootStatus(String path, boolean exists) {
        public RootStatus {
            requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return "RootStatus[path=<" + path.length() + " chars>, exists=" + exists + "]";
        }
    }

    /**
     * What the daemon's services report; every list is empty until those services exist.
     *
     * @param sandbox the isolation state of each worker process role
     * @param sessions known sessions (active ones, plus stale ones when asked for all)
     * @param recordings active recordings
     * @param recentCommands the latest in-chat command outcomes, newest first
     * @param recentErrors the latest errors, newest first
     */
    public record Activity(
            List<RoleStatus> sandbox,
            List<LayerStatus> confinement,
            List<SessionSummary> sessions,
            List<RecordingSummary> recordings,
            List<CommandOutcome> recentCommands,
            List<RecentError> recentErrors) {
        public static final Activity EMPTY =
                new Activity(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

        public Activity {
            sandbox = List.copyOf(sandbox);
            confinement = List.copyOf(confinement);
            sessions = List.copyOf(sessions);
            recordings = List.copyOf(recordings);
            recentCommands = List.copyOf(recentCommands);
            recentErrors = List.copyOf(recentErrors);
        }

        @Override
        public String toString() {
            return "Activity[sandbox="
                    + sandbox.size()
                    + ", sessions="
                    + sessions.size()
                    + ", recordings="
                    + recordings.size()
                    + ", recentCommands="
                    + recentCommands.size()
                    + ", recentErrors="
                    + recentErrors.size()
                    + "]";
        }
    }

    /**
     * One row of the role × layer matrix: how a kind of Kato process is confined, as the latest
     * such process found it at start ({@code enforced}, {@code missing}, {@code not-supported} by
     * this kernel, {@code not-applied} by {@code sandbox.mode} or design, or {@code none-started}
     * yet), and its start-up probes ({@code denied}: every one was; {@code allowed: a,b}; {@code
     * not-run}).
     */
    public record LayerStatus(String role, String landlock, String seccomp, String probes) {
        public LayerStatus {
            requireNonNull(role, "role");
            requireNonNull(landlock, "landlock");
            requireNonNull(seccomp, "seccomp");
            requireNonNull(probes, "probes");
        }
    }

    /**
     * A worker process role (e.g. {@code writer}) and its sandbox state (e.g. {@code landlock}).
     */
    public record RoleStatus(String role, String state) {
        public RoleStatus {
            requireNonNull(role, "role");
            requireNonNull(state, "state");
        }
    }

    /** A session the daemon follows; {@code stale} when it has been idle past the threshold. */
    public record SessionSummary(
            String provider, String sessionId, boolean stale, Instant lastActivity) {
        public SessionSummary {
            requireNonNull(provider, "provider");
            requireNonNull(sessionId, "sessionId");
            requireNonNull(lastActivity, "lastActivity");
        }
    }

    /** An active recording of a session into a destination file. */
    public record RecordingSummary(
            String provider, String sessionId, String destination, Instant since) {
        public RecordingSummary {
            requireNonNull(provider, "provider");
            requireNonNull(sessionId, "sessionId");
            requireNonNull(destination, "destination");
            requireNonNull(since, "since");
        }

        @Override
        public String toString() {
            return "RecordingSummary[provider="
                    + provider
                    + ", sessionId="
                    + sessionId
                    + ", destination=<"
                    + destination.length()
                    + " chars>]";
        }
    }

    /**
     * An in-chat command outcome: applied, or rejected with the reason.
     *
     * @param command the command's name only (e.g. {@code record}), never its arguments
     */
    public record CommandOutcome(
            Instant at,
            String provider,
            String sessionId,
            String command,
            boolean applied,
            String reason) {
        public CommandOutcome {
            requireNonNull(at, "at");
            requireNonNull(provider, "provider");
            requireNonNull(sessionId, "sessionId");
            requireNonNull(command, "command");
            requireNonNull(reason, "reason");
        }
    }

    /** A recent error: which component, and a message without conversation content. */
    public record RecentError(Instant at, String component, String message) {
        public RecentError {
            requireNonNull(at, "at");
            requireNonNull(component, "component");
            requireNonNull(message, "message");
        }
    }
}

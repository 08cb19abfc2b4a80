package dev.kato.audit;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A security-relevant decision or fact, as recorded in the audit log. The set is closed; each
 * variant says which fields it carries. Fields hold ids, paths, counts, hashes and reasons — never
 * conversation content.
 */
public sealed interface AuditEvent {

    /** The record type written to the log ({@code config.loaded}, {@code path.decision}, …). */
    String type();

    /**
     * Ties related records together (a command → its policy decision → its write); may be empty.
     */
    String correlationId();

    /** The event's own fields, in a fixed order. */
    Map<String, Object> fields();

    /** A configuration file was loaded; its hash is the policy version. */
    record ConfigLoaded(String configPath, String sha256) implements AuditEvent {
        public ConfigLoaded {
            requireNonNull(configPath, "configPath");
            requireNonNull(sha256, "sha256");
        }

        @Override
        public String type() {
            return "config.loaded";
        }

        @Override
        public String correlationId() {
            return "";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("configPath", configPath, "policyVersion", sha256);
        }
    }

    /**
     * A directory was added to the allowed write roots ({@code kato policy allow}).
     *
     * @param previousPolicyVersion the config's SHA-256 before (or {@code defaults})
     * @param policyVersion the config's SHA-256 after
     */
    record WriteRootAllowed(String root, String previousPolicyVersion, String policyVersion)
            implements AuditEvent {
        public WriteRootAllowed {
            requireNonNull(root, "root");
            requireNonNull(previousPolicyVersion, "previousPolicyVersion");
            requireNonNull(policyVersion, "policyVersion");
        }

        @Override
        public String type() {
            return "policy.allow";
        }

        @Override
        public String correlationId() {
            return "";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(
                    "root",
                    root,
                    "previousPolicyVersion",
                    previousPolicyVersion,
                    "policyVersion",
                    policyVersion);
        }
    }

    /**
     * The write policy decided on a destination.
     *
     * @param reason the denial reason name, or empty when allowed
     */
    record PathDecided(
            String correlationId,
            String requestedPath,
            boolean allowed,
            String reason,
            String policyVersion)
            implements AuditEvent {
        public PathDecided {
            requireNonNull(correlationId, "correlationId");
            requireNonNull(requestedPath, "requestedPath");
            requireNonNull(reason, "reason");
            requireNonNull(policyVersion, "policyVersion");
        }

        @Override
        public String type() {
            return "path.decision";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(
                    "path",
                    requestedPath,
                    "allowed",
                    allowed,
                    "reason",
                    reason,
                    "policyVersion",
                    policyVersion);
        }
    }

    /** An export or capture replaced a destination file. */
    record FileWritten(
            String correlationId, String path, String format, long events, String session)
            implements AuditEvent {
        public FileWritten {
            requireNonNull(correlationId, "correlationId");
            requireNonNull(path, "path");
            requireNonNull(format, "format");
            requireNonNull(session, "session");
        }

        @Override
        public String type() {
            return "file.written";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("path", path, "format", format, "events", events, "session", session);
        }
    }

    /**
     * How a process role ran under {@code sandbox.mode}: {@code landlock} and {@code seccomp} are
     * {@code enforced} or {@code missing} as the process itself found them, or {@code not-applied}
     * when it ran unconfined by choice; {@code outcome} is {@code confined}, {@code unconfined} or
     * {@code refused}.
     */
    record SandboxConfinement(
            String correlationId,
            String role,
            String mode,
            String landlock,
            String seccomp,
            String outcome)
            implements AuditEvent {
        public SandboxConfinement {
            requireNonNull(correlationId, "correlationId");
            requireNonNull(role, "role");
            requireNonNull(mode, "mode");
            requireNonNull(landlock, "landlock");
            requireNonNull(seccomp, "seccomp");
            requireNonNull(outcome, "outcome");
        }

        @Override
        public String type() {
            return "sandbox.confinement";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(
                    "role",
                    role,
                    "mode",
                    mode,
                    "landlock",
                    landlock,
                    "seccomp",
                    seccomp,
                    "outcome",
                    outcome);
        }
    }

    /**
     * What became of an in-chat command (or of a message's command lines): {@code applied}, {@code
     * failed}, {@code rejected}, {@code skipped} (history or too old) or {@code untrusted-origin}
     * (command-like lines in text a person did not type: a prompt-injection signal). Names, ids,
     * destinations and reasons only.
     */
    record CommandDecided(
            String correlationId,
            String session,
            String eventId,
            String command,
            String outcome,
            String destination,
            String reason)
            implements AuditEvent {
        public CommandDecided {
            requireNonNull(correlationId, "correlationId");
            requireNonNull(session, "session");
            requireNonNull(eventId, "eventId");
            requireNonNull(command, "command");
            requireNonNull(outcome, "outcome");
            requireNonNull(destination, "destination");
            requireNonNull(reason, "reason");
        }

        @Override
        public String type() {
            return "command.decision";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(
                    "session",
                    session,
                    "eventId",
                    eventId,
                    "command",
                    command,
                    "outcome",
                    outcome,
                    "destination",
                    destination,
                    "reason",
                    reason);
        }
    }

    /**
     * The daemon started (after its lock and config) or is stopping.
     *
     * @param phase {@code start} or {@code stop}
     * @param detail the policy version at start; the reason at stop
     */
    record DaemonLifecycle(String phase, long pid, String detail) implements AuditEvent {
        public DaemonLifecycle {
            requireNonNull(phase, "phase");
            requireNonNull(detail, "detail");
            if (!phase.equals("start") && !phase.equals("stop")) {
                throw new IllegalArgumentException("phase must be start or stop");
            }
        }

        @Override
        public String type() {
            return "daemon." + phase;
        }

        @Override
        public String correlationId() {
            return "";
        }

        @Override
        public Map<String, Object> fields() {
            return phase.equals("start")
                    ? ordered("pid", pid, "policyVersion", detail)
                    : ordered("pid", pid, "reason", detail);
        }
    }

    /**
     * A worker process ended without being asked to ({@code phase} {@code crashed}: it broke the
     * protocol, its pipe failed or it died) or could not start ({@code phase} {@code
     * start-failed}). For a writer, the recording has a gap here until the daemon's recovery writes
     * the missed events again. {@code detail} is the worker's exit code and its own diagnostic
     * line.
     */
    record WorkerEnded(String role, String phase, String path, String detail)
            implements AuditEvent {
        public WorkerEnded {
            requireNonNull(role, "role");
            requireNonNull(phase, "phase");
            requireNonNull(path, "path");
            requireNonNull(detail, "detail");
        }

        @Override
        public String type() {
            return "worker.ended";
        }

        @Override
        public String correlationId() {
            return "";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("role", role, "phase", phase, "path", path, "detail", detail);
        }
    }

    /** A state file failed validation and was moved aside. */
    record StateQuarantined(String path, String movedTo, String reason) implements AuditEvent {
        public StateQuarantined {
            requireNonNull(path, "path");
            requireNonNull(movedTo, "movedTo");
            requireNonNull(reason, "reason");
        }

        @Override
        public String type() {
            return "state.quarantined";
        }

        @Override
        public String correlationId() {
            return "";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered("path", path, "movedTo", movedTo, "reason", reason);
        }
    }

    /**
     * A live confinement probe's verdict for one process role and one kernel layer ({@code kato
     * doctor}); the records of one run share a correlation id.
     *
     * @param state {@code enforced}, {@code missing} or {@code not-supported}
     * @param reason what the probe saw, e.g. which forbidden operation succeeded
     */
    record SandboxProbed(
            String correlationId,
            String sandboxMode,
            String role,
            String layer,
            String state,
            String reason)
            implements AuditEvent {
        public SandboxProbed {
            requireNonNull(correlationId, "correlationId");
            requireNonNull(sandboxMode, "sandboxMode");
            requireNonNull(role, "role");
            requireNonNull(layer, "layer");
            requireNonNull(state, "state");
            requireNonNull(reason, "reason");
        }

        @Override
        public String type() {
            return "sandbox.probe";
        }

        @Override
        public Map<String, Object> fields() {
            return ordered(
                    "sandboxMode",
                    sandboxMode,
                    "role",
                    role,
                    "layer",
                    layer,
                    "state",
                    state,
                    "reason",
                    reason);
        }
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}

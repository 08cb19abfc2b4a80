package dev.kato.control;

import static dev.kato.control.JsonFields.arr;
import static dev.kato.control.JsonFields.bool;
import static dev.kato.control.JsonFields.instant;
import static dev.kato.control.JsonFields.integer;
import static dev.kato.control.JsonFields.obj;
import static dev.kato.control.JsonFields.object;
import static dev.kato.control.JsonFields.str;

import dev.kato.control.DaemonStatus.Activity;
import dev.kato.control.DaemonStatus.CommandOutcome;
import dev.kato.control.DaemonStatus.LayerStatus;
import dev.kato.control.DaemonStatus.ProviderStatus;
import dev.kato.control.DaemonStatus.RecentError;
import dev.kato.control.DaemonStatus.RecordingSummary;
import dev.kato.control.DaemonStatus.RoleStatus;
import dev.kato.control.DaemonStatus.RootStatus;
import dev.kato.control.DaemonStatus.SessionSummary;
import dev.kato.json.JsonText;
import dev.kato.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of {@link DaemonStatus}: inside a status reply, in {@code runtime/status.json} and
 * as {@code kato status --json} prints it. Layout: {@code {"daemon":{"running":true,"pid":…},
 * "providers":[…],"sandbox":[…],"confinement":[…],"sessions":[…],"recordings":[…],"recentCommands":[…],
 * "recentErrors":[…]}}; a stopped daemon is {@value #NOT_RUNNING}.
 */
public final class StatusJson {
    /** What {@code kato status --json} prints when no daemon runs. */
    public static final String NOT_RUNNING = "{\"daemon\":{\"running\":false}}";

    private StatusJson() {}

    /** Compact one-line JSON text. */
    public static String toText(DaemonStatus status) {
        return JsonText.compact(toJson(status));
    }

    static JsonValue toJson(DaemonStatus s) {
        JsonValue daemon =
                object().put("running", true)
                        .put("pid", s.pid())
                        .put("startedAt", s.startedAt())
                        .put("observedAt", s.observedAt())
                        .put("uptimeSeconds", s.uptime().toSeconds())
                        .put("katoHome", s.katoHome())
                        .put("configPath", s.configPath())
                        .put("configSha256", s.configSha256())
                        .build();
        List<JsonValue> providers = new ArrayList<>();
        for (ProviderStatus p : s.providers()) {
            List<JsonValue> roots = new ArrayList<>();
            for (RootStatus r : p.roots()) {
                roots.add(object().put("path", r.path()).put("exists", r.exists()).build());
            }
            providers.add(object().put("id", p.id()).put("roots", roots).build());
        }
        Activity a = s.activity();
        return object().put("daemon", daemon)
                .put("providers", providers)
                .put("sandbox", a.sandbox().stream().map(StatusJson::role).toList())
                .put("confinement", a.confinement().stream().map(StatusJson::layers).toList())
                .put("sessions", a.sessions().stream().map(StatusJson::session).toList())
                .put("recordings", a.recordings().stream().map(StatusJson::recording).toList())
                .put(
                        "recentCommands",
                        a.recentCommands().stream().map(StatusJson::command).toList())
                .put("recentErrors", a.recentErrors().stream().map(StatusJson::error).toList())
                .build();
    }

    private static JsonValue layers(LayerStatus l) {
        return object().put("role", l.role())
                .put("landlock", l.landlock())
                .put("seccomp", l.seccomp())
                .put("probes", l.probes())
                .build();
    }

    private static JsonValue role(RoleStatus r) {
        return object().put("role", r.role()).put("state", r.state()).build();
    }

    private static JsonValue session(SessionSummary s) {
        return object().put("provider", s.provider())
                .put("sessionId", s.sessionId())
                .put("stale", s.stale())
                .put("lastActivity", s.lastActivity())
                .build();
    }

    private static JsonValue recording(RecordingSummary r) {
        return object().put("provider", r.provider())
                .put("sessionId", r.sessionId())
                .put("destination", r.destination())
                .put("since", r.since())
                .build();
    }

    private static JsonValue command(CommandOutcome c) {
        return object().put("at", c.at())
                .put("provider", c.provider())
                .put("sessionId", c.sessionId())
                .put("command", c.command())
                .put("applied", c.applied())
                .put("reason", c.reason())
                .build();
    }

    private static JsonValue error(RecentError e) {
        return object().put("at", e.at())
                .put("component", e.component())
                .put("message", e.message())
                .build();
    }

    static DaemonStatus fromJson(JsonValue json) throws ControlProtocolException {
        JsonValue d = obj(json, "daemon");
        if (!bool(d, "running")) {
            throw JsonFields.malformed("running", "true in a status reply");
        }
        List<ProviderStatus> providers = new ArrayList<>();
        for (JsonValue p : arr(json, "providers")) {
            List<RootStatus> roots = new ArrayList<>();
            for (JsonValue r : arr(p, "roots")) {
                roots.add(new RootStatus(str(r, "path"), bool(r, "exists")));
            }
            providers.add(new ProviderStatus(str(p, "id"), roots));
        }
        return valid(() ->
                new DaemonStatus(
                        integer(d, "pid"),
                        instant(d, "startedAt"),
                        instant(d, "observedAt"),
                        str(d, "katoHome"),
                        str(d, "configPath"),
                        str(d, "configSha256"),
                        providers,
                        activity(json)));
    }

    private static Activity activity(JsonValue json) throws ControlProtocolException {
        List<RoleStatus> sandbox = new ArrayList<>();
        for (JsonValue r : arr(json, "sandbox")) {
            sandbox.add(new RoleStatus(str(r, "role"), str(r, "state")));
        }
        List<LayerStatus> confinement = new ArrayList<>();
        for (JsonValue l : arr(json, "confinement")) {
            confinement.add(
                    new LayerStatus(
                            str(l, "role"),
                            str(l, "landlock"),
                            str(l, "seccomp"),
                            str(l, "probes")));
        }
        List<SessionSummary> sessions = new ArrayList<>();
        for (JsonValue s : arr(json, "sessions")) {
            sessions.add(
                    new SessionSummary(
                            str(s, "provider"),
                            str(s, "sessionId"),
                            bool(s, "stale"),
                            instant(s, "lastActivity")));
        }
        List<RecordingSummary> recordings = new ArrayList<>();
        for (JsonValue r : arr(json, "recordings")) {
            recordings.add(
                    new RecordingSummary(
                            str(r, "provider"),
                            str(r, "sessionId"),
                            str(r, "destination"),
                            instant(r, "since")));
        }
        List<CommandOutcome> commands = new ArrayList<>();
        for (JsonValue c : arr(json, "recentCommands")) {
            commands.add(
                    new CommandOutcome(
                            instant(c, "at"),
                            str(c, "provider"),
                            str(c, "sessionId"),
                            str(c, "command"),
                            bool(c, "applied"),
                            str(c, "reason")));
        }
        List<RecentError> errors = new ArrayList<>();
        for (JsonValue e : arr(json, "recentErrors")) {
            errors.add(new RecentError(instant(e, "at"), str(e, "component"), str(e, "message")));
        }
        return new Activity(sandbox, confinement, sessions, recordings, commands, errors);
    }

    /** Record validation failures (e.g. a bad pid) are malformed frames, not crashes. */
    static <T> T valid(Construction<T> construction) throws ControlProtocolException {
        try {
            return construction.build();
        } catch (IllegalArgumentException e) {
            throw new ControlProtocolException(ProtocolError.MALFORMED, "invalid field value");
        }
    }

    @FunctionalInterface
    interface Construction<T> {
        T build() throws ControlProtocolException;
    }
}

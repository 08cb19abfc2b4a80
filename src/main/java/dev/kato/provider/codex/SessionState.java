package dev.kato.provider.codex;

import dev.kato.provider.FileRole;
import dev.kato.provider.ParseContext;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What earlier lines of one rollout established: session identity and source, the current model and
 * turn, and whether this file replays another session's history (a fork prefix).
 */
final class SessionState {
    private static final Pattern TRAILING_UUID =
            Pattern.compile(
                    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    /** Session ids longer than this are not believed (event ids are capped at 512 chars). */
    private static final int MAX_SESSION_ID = 200;

    private final @Nullable String contextAgentId;
    private String sessionId;
    private @Nullable Instant sessionStart;
    private SourceKind source;
    private boolean replaysHistory;
    private boolean identified;
    private boolean legacy;
    private @Nullable String model;
    private @Nullable String turnId;
    private boolean ownTurnStarted;
    private boolean turnSignals;

    SessionState(ParseContext ctx) {
        this.sessionId = idFromStem(ctx.fileStem());
        this.contextAgentId = ctx.agentId();
        if (ctx.role() == FileRole.SUB_AGENT) {
            this.source = SourceKind.SUB_AGENT;
            this.replaysHistory = true;
        } else {
            this.source = SourceKind.INTERACTIVE;
        }
    }

    /** The UUID a rollout file name ends with, else the whole stem. */
    static String idFromStem(String stem) {
        Matcher m = TRAILING_UUID.matcher(stem);
        String id = m.find() ? m.group() : stem;
        return id.length() <= MAX_SESSION_ID && !id.isEmpty() ? id : "unknown";
    }

    /** Takes the identity from the first session header; later headers (replays) change nothing. */
    boolean identify(
            @Nullable String id, @Nullable Instant start, SourceKind kind, boolean forked) {
        if (identified) {
            return false;
        }
        identified = true;
        if (id != null && !id.isEmpty() && id.length() <= MAX_SESSION_ID) {
            sessionId = id;
        }
        sessionStart = start;
        if (source != SourceKind.SUB_AGENT) {
            source = kind;
        }
        replaysHistory = replaysHistory || forked || source == SourceKind.SUB_AGENT;
        return true;
    }

    void markLegacy() {
        legacy = true;
    }

    boolean isLegacy() {
        return legacy;
    }

    /** True once a session header (enveloped or legacy) has been seen. */
    boolean isIdentified() {
        return identified;
    }

    void onTurnContext(@Nullable String newModel) {
        if (newModel != null && !newModel.isEmpty()) {
            model = newModel;
        }
    }

    /**
     * A turn began. It counts as this file's own (ending a fork prefix) only when its timestamp
     * shows it is not older than the session header; without timestamps to compare, a forked or
     * sub-agent file never leaves its prefix (fail closed).
     */
    void onTurnStarted(@Nullable String newTurnId, @Nullable Instant at) {
        turnId = newTurnId;
        turnSignals = true;
        if (at != null && sessionStart != null && !at.isBefore(sessionStart)) {
            ownTurnStarted = true;
        }
    }

    /** Newer builds mark turns (task_started/complete) and phases; older ones do neither. */
    void markTurnSignals() {
        turnSignals = true;
    }

    boolean hasTurnSignals() {
        return turnSignals;
    }

    /**
     * True for a record replayed from other history: older than this session's header, or, in a
     * forked or sub-agent file, before the file's own first turn started.
     */
    boolean isReplayed(@Nullable Instant at) {
        return isBeforeSessionStart(at) || (replaysHistory && !ownTurnStarted);
    }

    private boolean isBeforeSessionStart(@Nullable Instant at) {
        return at != null && sessionStart != null && at.isBefore(sessionStart);
    }

    String sessionId() {
        return sessionId;
    }

    SourceKind source() {
        return source;
    }

    /**
     * Set on every event of a sub-agent rollout: the id the caller's layout gives the agent, else
     * the sub-agent's own thread id (its session id). Null for every other session.
     */
    @Nullable String agentId() {
        if (source != SourceKind.SUB_AGENT) {
            return null;
        }
        return contextAgentId != null ? contextAgentId : sessionId;
    }

    @Nullable String model() {
        return model;
    }

    @Nullable String turnId() {
        return turnId;
    }

    @Override
    public String toString() {
        return "SessionState[source=" + source + ", legacy=" + legacy + "]";
    }
}

package dev.kato.provider.gemini;

import static java.util.Objects.requireNonNull;

import dev.kato.provider.FileRole;
import dev.kato.provider.ParseContext;
import org.jspecify.annotations.Nullable;

/**
 * What is known about the session a record belongs to.
 *
 * @param sessionId the {@code sessionId} of the document or metadata row, else the file stem
 * @param subAgent true for a sub-agent transcript ({@code kind:"subagent"} or {@link
 *     FileRole#SUB_AGENT}): no user text in it is human-typed
 * @param agentId set on every event of a sub-agent transcript: the caller's agent id, else the
 *     transcript's own session id
 */
record SessionFacts(String sessionId, boolean subAgent, @Nullable String agentId) {
    SessionFacts {
        requireNonNull(sessionId, "sessionId");
        if (subAgent && agentId == null) {
            throw new IllegalArgumentException("a sub-agent session needs an agentId");
        }
    }

    static SessionFacts of(
            ParseContext ctx, @Nullable String sessionIdField, @Nullable String kind) {
        String sessionId =
                sessionIdField == null || sessionIdField.isBlank()
                        ? ctx.fileStem()
                        : sessionIdField;
        boolean subAgent = ctx.role() == FileRole.SUB_AGENT || "subagent".equals(kind);
        String agentId = ctx.agentId() != null ? ctx.agentId() : sessionId;
        return new SessionFacts(sessionId, subAgent, subAgent ? agentId : null);
    }
}

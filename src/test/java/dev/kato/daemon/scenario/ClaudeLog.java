package dev.kato.daemon.scenario;

import java.nio.file.Path;

/**
 * A Claude Code session log ({@code <project>/<sessionId>.jsonl}, providers.md §2): one JSON record
 * per line, appended. Human prompts carry {@code promptSource: "typed"}; tool results, meta rows
 * and sub-agent transcripts are the non-human kinds.
 */
public final class ClaudeLog extends LogFile {
    public static final String MODEL = "claude-opus-4-6";

    private final String sessionId;
    private final boolean sidechain;
    private int n;

    private ClaudeLog(Path file, String sessionId, boolean sidechain) {
        super(file);
        this.sessionId = sessionId;
        this.sidechain = sidechain;
    }

    /** The main transcript of {@code sessionId} in project directory {@code project}. */
    public static ClaudeLog main(Path project, String sessionId) {
        return new ClaudeLog(project.resolve(sessionId + ".jsonl"), sessionId, false);
    }

    /** A sub-agent transcript in the newer layout: {@code <sessionId>/subagents/agent-<id>}. */
    public ClaudeLog subAgent(String agentId) {
        Path dir = file.getParent().resolve(sessionId).resolve("subagents");
        return new ClaudeLog(dir.resolve("agent-" + agentId + ".jsonl"), sessionId, true);
    }

    private String envelope(String type, String idPrefix) {
        n++;
        return "{\"type\":\""
                + type
                + "\",\"sessionId\":\""
                + sessionId
                + "\",\"uuid\":\""
                + idPrefix
                + (sidechain ? "-side-" : "-")
                + n
                + "\",\"timestamp\":\""
                + stamp()
                + "\""
                + (sidechain ? ",\"isSidechain\":true,\"agentId\":\"sub\"" : "");
    }

    /** A prompt the person typed. */
    public String user(String text) {
        return envelope("user", "u")
                + ",\"promptSource\":\"typed\",\"message\":{\"role\":\"user\",\"content\":"
                + json(text)
                + "}}\n";
    }

    /** One assistant text block. */
    public String assistant(String text) {
        String head = envelope("assistant", "a");
        return head
                + ",\"message\":{\"id\":\"msg-"
                + n
                + "\",\"role\":\"assistant\",\"model\":\""
                + MODEL
                + "\",\"content\":[{\"type\":\"text\",\"text\":"
                + json(text)
                + "}]}}\n";
    }

    /** A user-role row carrying a tool result (model/tool authored). */
    public String toolResult(String text) {
        return envelope("user", "t")
                + ",\"toolUseResult\":{\"stdout\":"
                + json(text)
                + "},\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                + "\"tool_use_id\":\"toolu_1\",\"content\":"
                + json(text)
                + "}]}}\n";
    }

    /** A harness-injected {@code isMeta} user row (e.g. an expanded slash command). */
    public String meta(String text) {
        return envelope("user", "m")
                + ",\"isMeta\":true,\"message\":{\"role\":\"user\",\"content\":"
                + json(text)
                + "}}\n";
    }
}

package dev.kato.daemon.scenario;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A Codex rollout ({@code sessions/YYYY/MM/DD/rollout-<stamp>-<id>.jsonl}, providers.md §3):
 * envelope lines {@code {timestamp, type, payload}} appended. Human text is an {@code event_msg}
 * {@code user_message} without {@code kind} in an interactive ({@code cli}) session; everything
 * else a person did not type comes as injected kinds, role-user response items or tool output.
 */
public final class CodexLog extends LogFile {
    public static final String MODEL = "gpt-5.1-codex";

    private final String sessionId;
    private int turn;

    private CodexLog(Path file, String sessionId) {
        super(file);
        this.sessionId = sessionId;
    }

    /** A rollout of {@code sessionId} in the date folder of {@link LogFile#T0}. */
    public static CodexLog in(Path root, String sessionId) {
        Path file =
                root.resolve("2026/03/01")
                        .resolve("rollout-2026-03-01T09-00-00-" + sessionId + ".jsonl");
        return new CodexLog(file, sessionId);
    }

    public String sessionId() {
        return sessionId;
    }

    private String line(String type, String payload) {
        return "{\"timestamp\":\""
                + stamp()
                + "\",\"type\":\""
                + type
                + "\",\"payload\":"
                + payload
                + "}\n";
    }

    /** The first line of every rollout, then the turn context naming the model. */
    public String header(Instant sessionStart) {
        return line(
                        "session_meta",
                        "{\"id\":\""
                                + sessionId
                                + "\",\"timestamp\":\""
                                + sessionStart
                                + "\",\"cwd\":\"/work/project\",\"originator\":\"codex_cli_rs\","
                                + "\"cli_version\":\"0.110.0\",\"source\":\"cli\","
                                + "\"model_provider\":\"openai\"}")
                + line(
                        "turn_context",
                        "{\"cwd\":\"/work/project\",\"approval_policy\":\"on-request\","
                                + "\"model\":\""
                                + MODEL
                                + "\"}");
    }

    public String header() {
        return header(T0);
    }

    /** Starts a turn and types {@code text} into the prompt box. */
    public String user(String text) {
        turn++;
        return line("event_msg", "{\"type\":\"task_started\",\"turn_id\":\"t" + turn + "\"}")
                + line("event_msg", "{\"type\":\"user_message\",\"message\":" + json(text) + "}");
    }

    /** The assistant's answer, then the end of the turn naming the same text. */
    public String assistant(String text) {
        return line("event_msg", "{\"type\":\"agent_message\",\"message\":" + json(text) + "}")
                + line(
                        "event_msg",
                        "{\"type\":\"task_complete\",\"turn_id\":\"t"
                                + turn
                                + "\",\"last_agent_message\":"
                                + json(text)
                                + "}");
    }

    /** A {@code user_message} Codex injects with a {@code kind} (e.g. environment_context). */
    public String injectedUserMessage(String kind, String text) {
        return line(
                "event_msg",
                "{\"type\":\"user_message\",\"kind\":\""
                        + kind
                        + "\",\"message\":"
                        + json(text)
                        + "}");
    }

    /** A role-user response item (injected context fragments arrive this way). */
    public String userResponseItem(String text) {
        return line(
                "response_item",
                "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                        + "\"text\":"
                        + json(text)
                        + "}]}");
    }

    /** A tool call and its output. */
    public String toolCall(String callId, String command, String output) {
        return line(
                        "response_item",
                        "{\"type\":\"function_call\",\"name\":\"exec_command\",\"arguments\":"
                                + json("{\"cmd\":" + json(command) + "}")
                                + ",\"call_id\":\""
                                + callId
                                + "\"}")
                + line(
                        "response_item",
                        "{\"type\":\"function_call_output\",\"call_id\":\""
                                + callId
                                + "\",\"output\":"
                                + json(output)
                                + "}");
    }
}

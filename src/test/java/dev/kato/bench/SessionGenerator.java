package dev.kato.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * Generates realistic, deterministic provider session logs for benchmarks: human prompts, assistant
 * text and thinking, tool calls with long results (source files, command output), and the
 * bookkeeping lines real logs carry. Usage: {@code SessionGenerator claude|codex MEGABYTES OUT}.
 */
public final class SessionGenerator {
    private static final String[] WORDS = {
        "the",
        "function",
        "returns",
        "a",
        "list",
        "of",
        "sessions",
        "sorted",
        "by",
        "time",
        "and",
        "we",
        "should",
        "check",
        "whether",
        "cursor",
        "offset",
        "exceeds",
        "file",
        "size",
        "before",
        "reading",
        "é",
        "naïve",
        "→",
        "配置",
        "🙂",
        "config",
        "parser",
        "thread",
        "handles",
        "errors"
    };

    private final Random random;
    private final String sessionId;
    private Instant clock = Instant.parse("2026-11-01T09:00:00.000Z");
    private long counter;

    public SessionGenerator(long seed) {
        this.random = new Random(seed);
        this.sessionId = new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** The provider session id this generator writes into its records. */
    public String sessionId() {
        return sessionId;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SessionGenerator claude|codex MEGABYTES|KILOBYTESk OUT");
            System.exit(2);
        }
        String size = args[1];
        long bytes =
                size.endsWith("k")
                        ? Long.parseLong(size.substring(0, size.length() - 1)) * 1024
                        : Long.parseLong(size) * 1024 * 1024;
        try (OutputStream out =
                new java.io.BufferedOutputStream(
                        Files.newOutputStream(Path.of(args[2])), 1 << 20)) {
            new SessionGenerator(42).write(args[0], bytes, out);
        }
    }

    /** Writes whole lines until at least {@code bytes} were written. */
    public void write(String provider, long bytes, OutputStream out) throws IOException {
        long written = 0;
        boolean codex = provider.equals("codex");
        if (codex) {
            written += line(out, codexMeta());
        }
        while (written < bytes) {
            for (String l : codex ? codexTurn() : claudeTurn()) {
                written += line(out, l);
            }
        }
    }

    /** A whole session of about {@code bytes} in memory (for JMH). */
    public static byte[] inMemory(String provider, int bytes) {
        var out = new java.io.ByteArrayOutputStream(bytes + (1 << 20));
        try {
            new SessionGenerator(7).write(provider, bytes, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static long line(OutputStream out, String json) throws IOException {
        byte[] b = (json + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(b);
        return b.length;
    }

    private String[] claudeTurn() {
        String u = uuid();
        String a1 = uuid();
        String a2 = uuid();
        String tr = uuid();
        String a3 = uuid();
        String tool = "toolu_" + Long.toHexString(random.nextLong());
        String msg = "msg_" + Long.toHexString(random.nextLong());
        return new String[] {
            claude(
                    u,
                    "user",
                    "\"message\":{\"role\":\"user\",\"content\":"
                            + q(sentence(30))
                            + "},\"promptSource\":\"typed\",\"permissionMode\":\"default\""),
            claude(
                    a1,
                    "assistant",
                    assistant(
                            msg,
                            "{\"type\":\"thinking\",\"thinking\":"
                                    + q(sentence(60))
                                    + ",\"signature\":\""
                                    + "Eo8B".repeat(40)
                                    + "\"}")),
            claude(
                    a2,
                    "assistant",
                    assistant(
                            msg,
                            "{\"type\":\"tool_use\",\"id\":\""
                                    + tool
                                    + "\",\"name\":\"Read\",\"input\":{\"file_path\":\"/home/dev/project/src/Main.java\"}}")),
            claude(
                    tr,
                    "user",
                    "\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\""
                            + tool
                            + "\",\"type\":\"tool_result\",\"content\":"
                            + q(sourceFile(8000 + random.nextInt(40000)))
                            + "}]},\"sourceToolAssistantUUID\":\""
                            + a2
                            + "\""),
            claude(
                    a3,
                    "assistant",
                    assistant(msg, "{\"type\":\"text\",\"text\":" + q(sentence(120)) + "}")),
            "{\"type\":\"system\",\"subtype\":\"turn_duration\",\"content\":\"Turn took 12s\",\"uuid\":\""
                    + uuid()
                    + "\",\"timestamp\":\""
                    + tick()
                    + "\",\"sessionId\":\""
                    + sessionId
                    + "\"}"
        };
    }

    private String claude(String uuid, String type, String body) {
        return "{\"parentUuid\":\""
                + uuid()
                + "\",\"isSidechain\":false,\"userType\":\"external\",\"cwd\":\"/home/dev/project\",\"sessionId\":\""
                + sessionId
                + "\",\"version\":\"2.1.39\",\"gitBranch\":\"main\",\"type\":\""
                + type
                + "\","
                + body
                + ",\"uuid\":\""
                + uuid
                + "\",\"timestamp\":\""
                + tick()
                + "\"}";
    }

    private static String assistant(String msgId, String block) {
        return "\"message\":{\"id\":\""
                + msgId
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-opus-4-6\",\"content\":["
                + block
                + "],\"stop_reason\":null,\"usage\":{\"input_tokens\":1200,\"output_tokens\":300,\"cache_read_input_tokens\":54000}},\"requestId\":\"req_"
                + Long.toHexString(msgId.hashCode())
                + "\"";
    }

    private String codexMeta() {
        return "{\"timestamp\":\""
                + tick()
                + "\",\"type\":\"session_meta\",\"payload\":{\"id\":\""
                + sessionId
                + "\",\"timestamp\":\""
                + clock
                + "\",\"cwd\":\"/home/dev/project\",\"originator\":\"codex_cli_rs\",\"cli_version\":\"0.104.0\",\"source\":\"cli\",\"model_provider\":\"openai\",\"base_instructions\":{\"text\":"
                + q(sentence(2000))
                + "}}}";
    }

    private String[] codexTurn() {
        String turn = "turn-" + (++counter);
        String call = "call_" + Long.toHexString(random.nextLong());
        String answer = sentence(120);
        return new String[] {
            codex(
                    "turn_context",
                    "{\"turn_id\":\""
                            + turn
                            + "\",\"cwd\":\"/home/dev/project\",\"approval_policy\":\"on-request\",\"model\":\"gpt-5.3-codex\",\"effort\":\"medium\",\"summary\":\"auto\"}"),
            codex(
                    "event_msg",
                    "{\"type\":\"task_started\",\"turn_id\":\""
                            + turn
                            + "\",\"model_context_window\":258400}"),
            codex(
                    "response_item",
                    "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":"
                            + q(sentence(30))
                            + "}]}"),
            codex(
                    "event_msg",
                    "{\"type\":\"user_message\",\"message\":"
                            + q(sentence(30))
                            + ",\"images\":[],\"local_images\":[],\"text_elements\":[]}"),
            codex(
                    "response_item",
                    "{\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":"
                            + q(sentence(40))
                            + "}],\"content\":null,\"encrypted_content\":\""
                            + "gAAAAB".repeat(300)
                            + "\"}"),
            codex(
                    "response_item",
                    "{\"type\":\"function_call\",\"name\":\"exec_command\",\"arguments\":"
                            + q(
                                    "{\"cmd\":\"sed -n 1,200p src/Main.java\",\"workdir\":\"/home/dev/project\"}")
                            + ",\"call_id\":\""
                            + call
                            + "\"}"),
            codex(
                    "response_item",
                    "{\"type\":\"function_call_output\",\"call_id\":\""
                            + call
                            + "\",\"output\":"
                            + q(sourceFile(8000 + random.nextInt(40000)))
                            + "}"),
            codex(
                    "event_msg",
                    "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":{\"input_tokens\":52000,\"output_tokens\":1200,\"total_tokens\":53200}},\"rate_limits\":null}"),
            codex(
                    "response_item",
                    "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":"
                            + q(answer)
                            + "}],\"phase\":\"final_answer\"}"),
            codex(
                    "event_msg",
                    "{\"type\":\"agent_message\",\"message\":"
                            + q(answer)
                            + ",\"phase\":\"final_answer\"}"),
            codex(
                    "event_msg",
                    "{\"type\":\"task_complete\",\"turn_id\":\""
                            + turn
                            + "\",\"last_agent_message\":"
                            + q(answer)
                            + "}")
        };
    }

    private String codex(String type, String payload) {
        return "{\"timestamp\":\""
                + tick()
                + "\",\"type\":\""
                + type
                + "\",\"payload\":"
                + payload
                + "}";
    }

    private String sentence(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.append('.').toString();
    }

    private String sourceFile(int chars) {
        StringBuilder sb = new StringBuilder(chars + 100);
        int n = 1;
        while (sb.length() < chars) {
            sb.append(n++)
                    .append("\t    if (offset > size) { return \"")
                    .append(WORDS[random.nextInt(WORDS.length)])
                    .append("\"; } // ")
                    .append(sentence(6))
                    .append('\n');
        }
        return sb.toString();
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String tick() {
        clock = clock.plusMillis(250 + random.nextInt(4000));
        return clock.toString();
    }

    /** A JSON string literal. */
    static String q(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}

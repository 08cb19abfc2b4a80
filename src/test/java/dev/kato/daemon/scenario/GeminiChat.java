package dev.kato.daemon.scenario;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Gemini CLI chat (providers.md §4) in either of its two forms:
 *
 * <ul>
 *   <li>legacy {@code chats/session-*.json}: one pretty-printed document holding every message,
 *       rewritten whole on each change, either through a temporary file renamed over it ({@link
 *       #rewriteByRename}) or truncated and written in place ({@link #rewriteInPlace}), where a
 *       reader can catch it empty or half written;
 *   <li>{@code chats/session-*.jsonl}: a metadata row, then message rows appended, each change
 *       re-appending the full message ({@link #appendRow}).
 * </ul>
 *
 * Messages are kept by id in order; adding one with a known id replaces it (an in-place update).
 */
public final class GeminiChat extends LogFile {
    public static final String MODEL = "gemini-2.5-pro";

    private final String sessionId;
    private final Map<String, String> messages = new LinkedHashMap<>();

    private GeminiChat(Path file, String sessionId) {
        super(file);
        this.sessionId = sessionId;
    }

    /** {@code <root>/<project>/chats/session-2026-03-01T09-00-<first 8>.<ext>}. */
    public static GeminiChat in(Path root, String sessionId, boolean jsonl) {
        Path file =
                root.resolve("proj-slug/chats")
                        .resolve(
                                "session-2026-03-01T09-00-"
                                        + sessionId.substring(0, 8)
                                        + (jsonl ? ".jsonl" : ".json"));
        return new GeminiChat(file, sessionId);
    }

    public String sessionId() {
        return sessionId;
    }

    /** A prompt the person typed (text parts; {@code displayContent} is what they saw). */
    public String user(String id, String text) {
        return put(
                id,
                "{\"id\":\""
                        + id
                        + "\",\"timestamp\":\""
                        + stamp()
                        + "\",\"type\":\"user\",\"content\":[{\"text\":"
                        + json(text)
                        + "}]}");
    }

    /** An answer of the model. */
    public String gemini(String id, String text) {
        return put(
                id,
                "{\"id\":\""
                        + id
                        + "\",\"timestamp\":\""
                        + stamp()
                        + "\",\"type\":\"gemini\",\"model\":\""
                        + MODEL
                        + "\",\"content\":"
                        + json(text)
                        + "}");
    }

    /**
     * The same answer again, with token counts added and {@code text} (Gemini updates a message in
     * place while it streams); keeps the message's timestamp.
     */
    public String updateGemini(String id, String text) {
        String old = messages.get(id);
        int at = old.indexOf("\"timestamp\":\"") + "\"timestamp\":\"".length();
        String timestamp = old.substring(at, old.indexOf('"', at));
        return put(
                id,
                "{\"id\":\""
                        + id
                        + "\",\"timestamp\":\""
                        + timestamp
                        + "\",\"type\":\"gemini\",\"model\":\""
                        + MODEL
                        + "\",\"content\":"
                        + json(text)
                        + ",\"tokens\":{\"input\":10,\"output\":5,\"total\":15}}");
    }

    /** A synthetic user row holding a tool's function response (tool output, not human). */
    public String functionResponse(String id, String output) {
        return put(
                id,
                "{\"id\":\""
                        + id
                        + "\",\"timestamp\":\""
                        + stamp()
                        + "\",\"type\":\"user\",\"content\":[{\"functionResponse\":{\"id\":\"c-"
                        + id
                        + "\",\"name\":\"read_file\",\"response\":{\"output\":"
                        + json(output)
                        + "}}}]}");
    }

    private String put(String id, String record) {
        messages.put(id, record);
        return record;
    }

    /** The whole legacy document as Gemini CLI pretty-prints it. */
    public String document() {
        List<String> rows = new ArrayList<>(messages.values());
        return "{\n  \"sessionId\": \""
                + sessionId
                + "\",\n  \"projectHash\": \"ab12\",\n  \"startTime\": \""
                + T0
                + "\",\n  \"lastUpdated\": \""
                + T0
                + "\",\n  \"messages\": [\n    "
                + String.join(",\n    ", rows)
                + "\n  ]\n}\n";
    }

    /** Writes the document to a temporary sibling and renames it over the chat file. */
    public void rewriteByRename() throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, document(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Truncates the chat file and writes the document in place in two pieces with a pause between
     * them, so a reader may see it empty or half written.
     */
    public void rewriteInPlace(Duration pause) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        byte[] doc = document().getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            int half = doc.length / 2;
            ch.write(java.nio.ByteBuffer.wrap(doc, 0, half));
            ch.force(false);
            Thread.sleep(pause.toMillis());
            ch.write(java.nio.ByteBuffer.wrap(doc, half, doc.length - half));
        }
    }

    /** The JSONL form's first row. */
    public String metadataRow() {
        return "{\"sessionId\":\""
                + sessionId
                + "\",\"projectHash\":\"ab12\",\"startTime\":\""
                + T0
                + "\",\"lastUpdated\":\""
                + T0
                + "\"}\n";
    }

    /** Appends one row of the JSONL form (a message record as returned above, or any row). */
    public void appendRow(String record) throws IOException {
        write(record.endsWith("\n") ? record : record + "\n");
    }
}

package dev.kato.daemon;

import dev.kato.fs.PrivateFiles;
import dev.kato.json.JsonText;
import dev.kato.json.JsonValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code logs/operational.jsonl} ({@code 0600}, append-only): one JSON object per line, schema
 * version {@value #SCHEMA_VERSION}: {@code {"v":1,"ts":"<instant>","event":"<name>",…fields}}. It
 * records lifecycle, control-socket and in-chat command decisions; no variant of {@link
 * LifecycleEvent} carries conversation content. A failed write is counted, never thrown: logging
 * never stops the daemon.
 */
final class OperationalLog implements LifecycleSink, ResourceRegistry.Resource {
    static final int SCHEMA_VERSION = 1;
    private static final Set<OpenOption> APPEND =
            Set.of(
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND,
                    LinkOption.NOFOLLOW_LINKS);

    private final FileChannel channel;
    private final InstantSource clock;
    private int failedWrites;

    private OperationalLog(FileChannel channel, InstantSource clock) {
        this.channel = channel;
        this.clock = clock;
    }

    static OperationalLog open(Path file, InstantSource clock) throws IOException {
        return new OperationalLog(
                FileChannel.open(file, APPEND, PrivateFiles.fileAttribute()), clock);
    }

    @Override
    public synchronized void record(LifecycleEvent event) {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        fields.put("v", number(SCHEMA_VERSION));
        fields.put("ts", new JsonValue.Str(clock.instant().toString()));
        fields.put("event", new JsonValue.Str(event.name()));
        switch (event) {
            case LifecycleEvent.Started(long pid, String sha256) -> {
                fields.put("pid", number(pid));
                fields.put("configSha256", new JsonValue.Str(sha256));
            }
            case LifecycleEvent.Ready(long pid) -> fields.put("pid", number(pid));
            case LifecycleEvent.Stopping(long pid, String reason, long uptimeMillis) -> {
                fields.put("pid", number(pid));
                fields.put("reason", new JsonValue.Str(reason));
                fields.put("uptimeMillis", number(uptimeMillis));
            }
            case LifecycleEvent.RequestReceived(String kind) ->
                    fields.put("kind", new JsonValue.Str(kind));
            case LifecycleEvent.PeerRejected(String peerUser) ->
                    fields.put("peerUser", new JsonValue.Str(peerUser));
            case LifecycleEvent.ProtocolViolation(String code) ->
                    fields.put("code", new JsonValue.Str(code));
            case LifecycleEvent.CommandDecided(
                            String session,
                            String eventId,
                            String command,
                            String outcome,
                            String reason) -> {
                fields.put("session", new JsonValue.Str(session));
                fields.put("eventId", new JsonValue.Str(eventId));
                fields.put("command", new JsonValue.Str(command));
                fields.put("outcome", new JsonValue.Str(outcome));
                fields.put("reason", new JsonValue.Str(reason));
            }
        }
        byte[] line =
                (JsonText.compact(new JsonValue.Obj(fields)) + "\n")
                        .getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            failedWrites++;
        }
    }

    /** How many records could not be written (shown nowhere yet; kept for a later status line). */
    synchronized int failedWrites() {
        return failedWrites;
    }

    private static JsonValue number(long n) {
        return new JsonValue.Num(Long.toString(n));
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}

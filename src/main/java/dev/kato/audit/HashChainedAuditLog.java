package dev.kato.audit;

import static java.util.Objects.requireNonNull;

import dev.kato.fs.PrivateFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The security audit log ({@code logs/security-audit.jsonl}): one JSON record per line, each
 * carrying a sequence number, the SHA-256 of the previous record and its own SHA-256, so that a
 * changed, removed, reordered or truncated record is detected by {@link AuditVerifier}. Several
 * processes (the daemon and one-shot CLI commands) may append: each append holds an exclusive lock
 * on the file while it reads the chain head and writes. Records are fsynced.
 */
public final class HashChainedAuditLog implements AuditLog {
    /** Schema version of every record. */
    public static final int VERSION = 1;

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Set<OpenOption> OPEN =
            Set.of(
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);

    /**
     * File locks exclude other processes but not other threads of this JVM (the JDK throws on an
     * overlapping lock), so appends within the process are serialized here as well.
     */
    private static final java.util.concurrent.locks.ReentrantLock IN_PROCESS =
            new java.util.concurrent.locks.ReentrantLock();

    private final Path file;
    private final InstantSource clock;

    public HashChainedAuditLog(Path file, InstantSource clock) {
        this.file = requireNonNull(file, "file");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void record(AuditEvent event) throws IOException {
        IN_PROCESS.lock();
        try {
            append(event);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private void append(AuditEvent event) throws IOException {
        PrivateFiles.createDirectories(file.getParent());
        try (FileChannel ch = FileChannel.open(file, OPEN, PrivateFiles.fileAttribute());
                FileLock _ = ch.lock()) {
            ChainHead head = ChainHead.read(ch);
            String body = body(head.nextSeq(), head.hash(), event);
            String hash = AuditHashes.sha256Hex(body);
            String line = body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}\n";
            ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            long pos = ch.size();
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            ch.force(true);
        }
    }

    /** The record without its own hash: what the hash covers. */
    private String body(long seq, String prevHash, AuditEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeNumberProperty("v", VERSION);
            g.writeNumberProperty("seq", seq);
            g.writeStringProperty("ts", clock.instant().toString());
            g.writeStringProperty("type", event.type());
            g.writeStringProperty("correlationId", event.correlationId());
            for (Map.Entry<String, Object> f : event.fields().entrySet()) {
                switch (f.getValue()) {
                    case String s -> g.writeStringProperty(f.getKey(), s);
                    case Boolean b -> g.writeBooleanProperty(f.getKey(), b);
                    case Long l -> g.writeNumberProperty(f.getKey(), l);
                    case Integer i -> g.writeNumberProperty(f.getKey(), i);
                    default ->
                            throw new IllegalArgumentException(
                                    "unsupported audit field type for " + f.getKey());
                }
            }
            g.writeStringProperty("prevHash", prevHash);
            g.writeEndObject();
        }
        return out.toString();
    }
}

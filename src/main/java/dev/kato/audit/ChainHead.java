package dev.kato.audit;

import dev.kato.json.JsonLimits;
import dev.kato.json.JsonTreeReader;
import dev.kato.json.JsonValue;
import dev.kato.json.MalformedJsonException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/** The last record of the chain: the next sequence number and the hash to link to. */
record ChainHead(long nextSeq, String hash) {
    private static final int TAIL = 64 * 1024;
    private static final JsonTreeReader READER = new JsonTreeReader(JsonLimits.DEFAULT);

    /**
     * Reads the last complete line of the file. An empty file starts the chain. A file whose tail
     * is not a valid record is not repaired here: the new record links to what is there, and {@code
     * kato audit verify} reports the damage.
     */
    static ChainHead read(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            return new ChainHead(1, AuditHashes.GENESIS);
        }
        int n = (int) Math.min(TAIL, size);
        ByteBuffer buf = ByteBuffer.allocate(n);
        long pos = size - n;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos + buf.position());
            if (r < 0) {
                break;
            }
        }
        String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        String trimmed = tail.endsWith("\n") ? tail.substring(0, tail.length() - 1) : tail;
        String last = trimmed.substring(trimmed.lastIndexOf('\n') + 1);
        try {
            JsonValue record = READER.read(last.getBytes(StandardCharsets.UTF_8));
            long seq = record.get("seq") instanceof JsonValue.Num num ? num.longValueOr(0) : 0;
            return new ChainHead(seq + 1, record.get("hash").stringOr(AuditHashes.sha256Hex(last)));
        } catch (MalformedJsonException e) {
            return new ChainHead(-1, AuditHashes.sha256Hex(last));
        }
    }
}

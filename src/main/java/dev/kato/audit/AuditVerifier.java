package dev.kato.audit;

import dev.kato.json.JsonLimits;
import dev.kato.json.JsonTreeReader;
import dev.kato.json.JsonValue;
import dev.kato.json.MalformedJsonException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recomputes the audit log's hash chain and names the first record that does not fit: changed (its
 * hash no longer matches), removed or reordered (sequence gap, or previous-hash mismatch), or torn
 * (the file does not end with a complete record).
 */
public final class AuditVerifier {
    private static final JsonTreeReader READER = new JsonTreeReader(JsonLimits.DEFAULT);

    private AuditVerifier() {}

    /** The outcome of verifying a log. */
    public sealed interface Result {
        /** Every record is intact and linked. */
        record Valid(long records) implements Result {}

        /**
         * @param line 1-based line of the first bad record
         * @param reason what is wrong, without the record's content
         */
        record Broken(long line, String reason) implements Result {}
    }

    public static Result verify(Path log) throws IOException {
        if (!Files.exists(log)) {
            return new Result.Valid(0);
        }
        byte[] all = Files.readAllBytes(log);
        if (all.length > 0 && all[all.length - 1] != '\n') {
            long lines = 1;
            for (byte b : all) {
                lines += b == '\n' ? 1 : 0;
            }
            return new Result.Broken(
                    lines, "the last record is incomplete (the file was truncated)");
        }
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String prev = AuditHashes.GENESIS;
            long expectedSeq = 1;
            long lineNo = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String problem = check(line, expectedSeq, prev);
                if (problem != null) {
                    return new Result.Broken(lineNo, problem);
                }
                prev = line.substring(line.lastIndexOf("\"hash\":\"") + 8, line.length() - 2);
                expectedSeq++;
            }
            return new Result.Valid(lineNo);
        }
    }

    private static String check(String line, long expectedSeq, String prevHash) {
        JsonValue record;
        try {
            record = READER.read(line.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            return "not a valid JSON record";
        }
        int at = line.lastIndexOf(",\"hash\":\"");
        if (at < 0 || !line.endsWith("\"}") || record.get("hash").stringOrNull() == null) {
            return "the record has no hash";
        }
        String body = line.substring(0, at) + "}";
        if (!AuditHashes.sha256Hex(body).equals(record.get("hash").stringOr(""))) {
            return "the record was changed (its hash does not match its content)";
        }
        if (!(record.get("v") instanceof JsonValue.Num v)
                || v.longValueOr(-1) != HashChainedAuditLog.VERSION) {
            return "unknown record version";
        }
        long seq = record.get("seq") instanceof JsonValue.Num n ? n.longValueOr(-1) : -1;
        if (seq != expectedSeq) {
            return "sequence "
                    + seq
                    + " where "
                    + expectedSeq
                    + " was expected (a record was removed or reordered)";
        }
        if (!record.get("prevHash").stringOr("").equals(prevHash)) {
            return "the link to the previous record is broken (a record was removed, reordered or changed)";
        }
        return null;
    }
}

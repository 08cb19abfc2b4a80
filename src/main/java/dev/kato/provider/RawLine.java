package dev.kato.provider;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One complete JSONL line (without its line terminator) in a shared buffer, valid only during the
 * call it is passed to.
 *
 * @param startOffset byte offset of the line's first byte in the file
 */
public record RawLine(byte[] buf, int off, int len, long startOffset) {

    /** The first 16 bytes of the SHA-256 of the line, as 32 hex digits: a content identity. */
    public String contentHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(buf, off, len);
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "RawLine[offset=" + startOffset + ", bytes=" + len + "]";
    }
}

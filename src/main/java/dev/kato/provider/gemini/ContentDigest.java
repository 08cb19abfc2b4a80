package dev.kato.provider.gemini;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of text: short hex tags for event ids and 64-bit content hashes for diffing. */
final class ContentDigest {
    private ContentDigest() {}

    /** The first 8 hex digits of the SHA-256 of {@code text} (UTF-8). */
    static String hex8(String text) {
        return HexFormat.of().formatHex(sha256(text), 0, 4);
    }

    /** The first 16 hex digits of the SHA-256 of {@code text} (UTF-8). */
    static String hex16(String text) {
        return HexFormat.of().formatHex(sha256(text), 0, 8);
    }

    /**
     * A 64-bit hash of several fields (SHA-256, fields length-prefixed so that no two field lists
     * share an encoding).
     */
    static long fields(String... fields) {
        MessageDigest md = newDigest();
        for (String f : fields) {
            byte[] bytes = f.getBytes(StandardCharsets.UTF_8);
            md.update(intBytes(bytes.length));
            md.update(bytes);
        }
        byte[] d = md.digest();
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xFF);
        }
        return h;
    }

    private static byte[] sha256(String text) {
        return newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] intBytes(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}

package dev.kato.config;

/**
 * Builds the key paths used in problems ({@code featureFlags.writerIncludeThinking}, {@code
 * allowedWriteRoots[1]}). Key names come from the user's file: a name that is too long or not
 * printable ASCII is replaced by a placeholder rather than echoed.
 */
final class KeyPaths {
    static final int MAX_SHOWN_KEY_CHARS = 64;

    private KeyPaths() {}

    static String child(String parent, String key) {
        String shown = display(key);
        return parent.isEmpty() ? shown : parent + "." + shown;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    static String display(String key) {
        if (key.isEmpty()) {
            return "<empty key>";
        }
        if (key.length() > MAX_SHOWN_KEY_CHARS
                || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "<key of " + key.codePointCount(0, key.length()) + " characters>";
        }
        return key;
    }
}

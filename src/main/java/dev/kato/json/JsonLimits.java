package dev.kato.json;

/**
 * Bounds applied while reading one JSON document, so hostile input cannot exhaust memory or stack:
 * nesting depth, string length and document length.
 */
public record JsonLimits(int maxNestingDepth, int maxStringLength, long maxDocumentLength) {
    /** Defaults for one provider log record: 64 MiB, depth 200. */
    public static final JsonLimits DEFAULT =
            new JsonLimits(200, 64 * 1024 * 1024, 64L * 1024 * 1024);

    public JsonLimits {
        if (maxNestingDepth < 1 || maxStringLength < 1 || maxDocumentLength < 1) {
            throw new IllegalArgumentException("JSON limits must be positive");
        }
    }
}

package dev.kato.provider;

import dev.kato.json.JsonLimits;

/**
 * Bounds for parsing one session file.
 *
 * @param maxLineBytes a JSONL line longer than this is skipped as {@link AnomalyKind#LINE_TOO_LONG}
 * @param maxDocumentBytes a whole-file JSON document larger than this is not parsed
 * @param json limits for each JSON document
 */
public record ParserLimits(int maxLineBytes, long maxDocumentBytes, JsonLimits json) {
    public static final ParserLimits DEFAULT =
            new ParserLimits(32 * 1024 * 1024, 256L * 1024 * 1024, JsonLimits.DEFAULT);

    public ParserLimits {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be >= 16, was " + maxLineBytes);
        }
        if (maxDocumentBytes < 16) {
            throw new IllegalArgumentException("maxDocumentBytes must be >= 16");
        }
    }

    public ParserLimits withMaxLineBytes(int max) {
        return new ParserLimits(max, maxDocumentBytes, json);
    }
}

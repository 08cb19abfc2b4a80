package dev.kato.provider;

import dev.kato.json.JsonLimits;

/**
 * Bounds for parsing one session file.
 *
 * @param maxLineBytes a JSONL line longer than this is skipped as {@link AnomalyKind#LINE_TOO_LONG}
 * @param maxDocumentBytes a whole-file JSON document larger than this is not parsed
 * @param json limits for each JSON document
 * @param keepTextSpelling whether a long string a log spells the canonical way is kept as those
 *     bytes (see {@link dev.kato.event.Text}) instead of being decoded: for a reader whose events
 *     become canonical lines (a provider worker), not for one that needs their characters (an
 *     export), which would decode them later at a higher cost
 */
public record ParserLimits(
        int maxLineBytes, long maxDocumentBytes, JsonLimits json, boolean keepTextSpelling) {
    public static final ParserLimits DEFAULT =
            new ParserLimits(32 * 1024 * 1024, 256L * 1024 * 1024, JsonLimits.DEFAULT, false);

    public ParserLimits(int maxLineBytes, long maxDocumentBytes, JsonLimits json) {
        this(maxLineBytes, maxDocumentBytes, json, false);
    }

    public ParserLimits {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be >= 16, was " + maxLineBytes);
        }
        if (maxDocumentBytes < 16) {
            throw new IllegalArgumentException("maxDocumentBytes must be >= 16");
        }
    }

    public ParserLimits withMaxLineBytes(int max) {
        return new ParserLimits(max, maxDocumentBytes, json, keepTextSpelling);
    }

    /** These limits, keeping long canonically spelled strings as their bytes. */
    public ParserLimits keepingTextSpelling() {
        return new ParserLimits(maxLineBytes, maxDocumentBytes, json, true);
    }
}

package dev.kato.provider;

/** Why input was skipped. */
public enum AnomalyKind {
    /** Not valid JSON, not valid UTF-8, too deeply nested, or a string over the limit. */
    MALFORMED,
    /** A line longer than {@link ParserLimits#maxLineBytes()}; skipped without being buffered. */
    LINE_TOO_LONG,
    /**
     * Valid JSON whose shape the parser does not understand (e.g. a record that is not an object).
     */
    UNEXPECTED_SHAPE,
    /** A whole-document format (Gemini JSON) whose current bytes do not form a document yet. */
    INCOMPLETE_DOCUMENT
}

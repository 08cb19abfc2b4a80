package dev.kato.provider;

/**
 * An incremental parser for one session file. Pure: it sees only the bytes it is fed and its {@link
 * ParseContext}; no files, clock or environment.
 *
 * <p>Feeding a file in any byte chunks yields exactly the events of feeding it whole. Parsers never
 * throw on bad input: they report {@link Anomaly anomalies} and carry on.
 */
public interface SessionParser {
    /** Feeds the next bytes of the file. */
    void feed(byte[] buf, int off, int len, ParseSink sink);

    /**
     * Says that no more bytes are available for now. Line-based parsers keep an unterminated
     * trailing line for later; whole-document parsers parse the document fed so far.
     */
    void endOfInput(ParseSink sink);

    /**
     * The byte offset up to which input has been fully consumed: a cursor that never decreases and
     * never points into the middle of a line. Whole-document parsers return 0.
     */
    long committedOffset();

    /**
     * Forgets an unterminated trailing line held since a line ended in the bytes fed, so that
     * feeding resumes at {@link #committedOffset()} with that line's bytes fed again. A reader that
     * stops at a byte budget calls it, so that files paused mid-line hold no partial lines in
     * memory. A line begun before the last line end (longer than what was fed since) is kept, so
     * feeding a budget at a time always makes progress.
     *
     * @return true when a line was forgotten and the next bytes fed must start at {@link
     *     #committedOffset()}; false when nothing changed (the default, and whole-document parsers)
     */
    default boolean dropPartialLine() {
        return false;
    }
}

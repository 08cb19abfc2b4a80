package dev.kato.provider;

import dev.kato.json.JsonValue;

/**
 * Turns one JSONL record of a provider into canonical events. Implementations keep whatever state
 * the format needs across lines (current model, turn, pending questions).
 */
public interface RecordParser {
    /**
     * Handles one record.
     *
     * @param record the parsed line
     * @param line the raw bytes of the line (for content identity)
     */
    void onRecord(JsonValue record, RawLine line, ParseSink sink);
}

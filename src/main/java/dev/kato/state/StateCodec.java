package dev.kato.state;

import dev.kato.json.JsonValue;

/**
 * Converts a state value to and from a JSON object. The {@link StateStore} adds and checks the
 * {@code schemaVersion} field itself, so {@link #encode} must not produce it and {@link #decode}
 * sees the object without it.
 *
 * @param <T> the state type
 */
public interface StateCodec<T> {
    /** The schema version written with every document and required on load. */
    int schemaVersion();

    /** The fields of the document, in the order they should be written. */
    JsonValue.Obj encode(T value);

    /**
     * Validates and converts a document.
     *
     * @throws InvalidStateException when a field is missing, mistyped, out of range or unknown
     */
    T decode(JsonValue.Obj fields) throws InvalidStateException;
}

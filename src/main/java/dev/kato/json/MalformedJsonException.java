package dev.kato.json;

/** A document that is not valid JSON or breaks {@link JsonLimits}; the message holds no content. */
public final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedJsonException(String message) {
        super(message);
    }
}

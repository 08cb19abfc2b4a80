package dev.kato.control;

/** Why a control frame was refused; {@link #code()} is the wire code of the error reply. */
public enum ProtocolError {
    BAD_MAGIC("bad-magic"),
    UNSUPPORTED_VERSION("unsupported-version"),
    OVERSIZE("oversize"),
    TRUNCATED("truncated"),
    MALFORMED("malformed");

    private final String code;

    ProtocolError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}

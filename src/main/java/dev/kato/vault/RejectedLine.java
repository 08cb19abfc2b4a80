package dev.kato.vault;

/** Internal signal that a line breaks the canonical schema; never escapes the reader. */
final class RejectedLine extends Exception {
    private static final long serialVersionUID = 1L;

    RejectedLine(String reason) {
        super(reason, null, false, false);
    }
}

package dev.kato.cli;

/** Kato's process exit codes ({@code product.md} §4). */
public enum ExitCode {
    OK(0),
    FAILURE(1),
    USAGE(2);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

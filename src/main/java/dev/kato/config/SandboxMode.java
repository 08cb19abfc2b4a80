package dev.kato.config;

import java.util.Optional;

/** How Kato treats missing kernel confinement ({@code security.md} §5). */
public enum SandboxMode {
    /** Refuse to run a process role unconfined (the default; the corporate profile). */
    REQUIRED("required"),
    /** Run without a missing layer, warn loudly and audit it. */
    BEST_EFFORT("best-effort"),
    /** No confinement; for tests and development only, audited. */
    OFF("off");

    private final String configValue;

    SandboxMode(String configValue) {
        this.configValue = configValue;
    }

    /** The spelling used in the config file. */
    public String configValue() {
        return configValue;
    }

    public static Optional<SandboxMode> tryParse(String value) {
        for (SandboxMode mode : values()) {
            if (mode.configValue.equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}

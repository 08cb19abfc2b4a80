package dev.kato.config;

import static java.util.Objects.requireNonNull;

/**
 * Process confinement settings ({@code sandbox.*}).
 *
 * @param mode {@code required} (default), {@code best-effort} or {@code off}
 */
public record SandboxConfig(SandboxMode mode) {
    public static final SandboxConfig DEFAULTS = new SandboxConfig(SandboxMode.REQUIRED);

    public SandboxConfig {
        requireNonNull(mode, "mode");
    }
}

package dev.kato.event;

import java.util.Locale;
import java.util.Optional;

/** The AI coding assistants whose session logs Kato reads. */
public enum Provider {
    CLAUDE,
    CODEX,
    GEMINI;

    /** The lower-case name used in config keys, file names and JSONL ({@code claude}, …). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks a provider up by its {@link #id()}; empty for anything else. */
    public static Optional<Provider> tryParse(String id) {
        for (Provider p : values()) {
            if (p.id().equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}

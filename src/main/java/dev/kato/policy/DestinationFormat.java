package dev.kato.policy;

import java.util.Locale;
import java.util.Optional;

/** What a destination file holds, decided by its extension. */
public enum DestinationFormat {
    MARKDOWN,
    JSONL;

    /** {@code .jsonl} → JSONL; any other allowed extension → Markdown. */
    static DestinationFormat forFileName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".jsonl") ? JSONL : MARKDOWN;
    }

    public static Optional<DestinationFormat> tryParse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "markdown", "md" -> Optional.of(MARKDOWN);
            case "jsonl" -> Optional.of(JSONL);
            default -> Optional.empty();
        };
    }

    /** The extension for a default file name of this format. */
    public String extension() {
        return this == JSONL ? ".jsonl" : ".md";
    }
}

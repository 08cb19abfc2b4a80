package dev.kato.ingest;

import dev.kato.event.Provider;
import dev.kato.json.JsonValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tells which assistant wrote a log file given outside the configured roots, from its first record.
 */
final class ProviderSniffer {
    private ProviderSniffer() {}

    static Optional<Provider> sniff(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".json")) {
            return Optional.of(Provider.GEMINI);
        }
        if (!name.endsWith(".jsonl")) {
            return Optional.empty();
        }
        JsonValue first = SessionIdentity.firstRecord(file);
        if (first.get("type").stringOr("").equals("session_meta")
                || first.get("payload").isObject()) {
            return Optional.of(Provider.CODEX);
        }
        if (name.startsWith("rollout-")) {
            return Optional.of(Provider.CODEX);
        }
        if (first.get("type").isMissing()
                && first.get("sessionId").isString()
                && (first.get("projectHash").isString() || first.get("startTime").isString())) {
            return Optional.of(Provider.GEMINI);
        }
        if (first.get("sessionId").isString()
                || first.get("uuid").isString()
                || first.get("type").isString()) {
            return Optional.of(Provider.CLAUDE);
        }
        return Optional.empty();
    }
}

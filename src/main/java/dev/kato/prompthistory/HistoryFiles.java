package dev.kato.prompthistory;

import dev.kato.config.ProviderSessionRoots;
import dev.kato.event.Provider;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where each assistant keeps its prompt history, derived from the configured session root that
 * holds the session's log: Claude's {@code history.jsonl} beside {@code projects/}, Codex's beside
 * {@code sessions/}, Gemini's {@code logs.json} in the session's project directory (providers.md §1
 * item 4).
 */
final class HistoryFiles {
    static final String JSONL = "history.jsonl";
    static final String GEMINI = "logs.json";

    private HistoryFiles() {}

    /** The history file for {@code sessionLog}; empty when no configured root holds the log. */
    static Optional<Path> locate(ProviderSessionRoots roots, Provider provider, Path sessionLog) {
        Path log = sessionLog.toAbsolutePath().normalize();
        List<Path> candidates =
                switch (provider) {
                    case CLAUDE -> roots.claude();
                    case CODEX -> roots.codex();
                    case GEMINI -> roots.gemini();
                };
        for (Path root : candidates) {
            if (!log.startsWith(root) || log.equals(root)) {
                continue;
            }
            return switch (provider) {
                case CLAUDE, CODEX ->
                        Optional.ofNullable(root.getParent()).map(home -> home.resolve(JSONL));
                case GEMINI -> {
                    Path relative = root.relativize(log);
                    yield relative.getNameCount() < 2
                            ? Optional.empty()
                            : Optional.of(root.resolve(relative.getName(0)).resolve(GEMINI));
                }
            };
        }
        return Optional.empty();
    }
}

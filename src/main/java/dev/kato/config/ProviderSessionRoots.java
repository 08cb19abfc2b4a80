package dev.kato.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * Where each assistant keeps its session logs ({@code providerSessionRoots.*}): absolute,
 * normalized, de-duplicated directories. An empty list switches a provider off.
 */
public record ProviderSessionRoots(List<Path> claude, List<Path> codex, List<Path> gemini) {
    public ProviderSessionRoots {
        claude = ConfigPaths.requireAbsoluteNormalized(claude, "claude");
        codex = ConfigPaths.requireAbsoluteNormalized(codex, "codex");
        gemini = ConfigPaths.requireAbsoluteNormalized(gemini, "gemini");
    }

    /** {@code ~/.claude/projects}, {@code ~/.codex/sessions}, {@code ~/.gemini/tmp}. */
    public static ProviderSessionRoots defaults(Path home) {
        return new ProviderSessionRoots(
                List.of(home.resolve(".claude/projects")),
                List.of(home.resolve(".codex/sessions")),
                List.of(home.resolve(".gemini/tmp")));
    }

    /** Provider id ({@code claude}, {@code codex}, {@code gemini}) to roots, in that order. */
    public SequencedMap<String, List<Path>> byProviderId() {
        SequencedMap<String, List<Path>> map = new LinkedHashMap<>();
        map.put("claude", claude);
        map.put("codex", codex);
        map.put("gemini", gemini);
        return Collections.unmodifiableSequencedMap(map);
    }

    /** Counts only: the paths sit under the user's home directory. */
    @Override
    public String toString() {
        return "ProviderSessionRoots[claude="
                + claude.size()
                + " roots, codex="
                + codex.size()
                + " roots, gemini="
                + gemini.size()
                + " roots]";
    }
}

package dev.kato.cli;

import dev.kato.config.KatoConfig;
import dev.kato.event.Provider;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Session roots from the config, by provider. */
final class Sessions {
    private Sessions() {}

    static Map<Provider, List<Path>> roots(KatoConfig config) {
        Map<Provider, List<Path>> roots = new EnumMap<>(Provider.class);
        roots.put(Provider.CLAUDE, config.providerSessionRoots().claude());
        roots.put(Provider.CODEX, config.providerSessionRoots().codex());
        roots.put(Provider.GEMINI, config.providerSessionRoots().gemini());
        return roots;
    }
}

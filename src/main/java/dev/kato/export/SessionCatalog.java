package dev.kato.export;

import dev.kato.event.Provider;
import dev.kato.ingest.DiscoveredSession;
import dev.kato.ingest.SessionDiscovery;
import dev.kato.ingest.SessionFileReader;
import dev.kato.provider.ParserLimits;
import dev.kato.vault.Vault;
import dev.kato.vault.VaultSessionInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The conversations Kato can see: discovery under the configured roots, summaries, and resolution
 * of what a user typed ({@code <session>}: short id, Kato session id, provider session id, or the
 * path of a provider log) to one session.
 */
public final class SessionCatalog {
    private final Map<Provider, List<Path>> roots;
    private final ParserLimits limits;
    private final Path vaultDir;

    /**
     * @param vaultDir Kato's vault ({@code KATO_HOME/sessions}), read only
     */
    public SessionCatalog(Map<Provider, List<Path>> roots, int maxLineBytes, Path vaultDir) {
        this.roots = Map.copyOf(roots);
        this.limits = ParserLimits.DEFAULT.withMaxLineBytes(maxLineBytes);
        this.vaultDir = vaultDir;
    }

    /** Sessions in the vault matching a reference (used when the provider log is gone). */
    private List<VaultSessionInfo> vaultMatches(String reference) throws IOException {
        try (Vault vault = Vault.openReadOnly(vaultDir)) {
            return vault.findByReference(reference);
        }
    }

    /** Replays a vault session's stored events. */
    public SessionExporter.EventSource vaultEvents(VaultSessionInfo session) {
        return (mainOnly, sink) -> {
            try (Vault vault = Vault.openReadOnly(vaultDir)) {
                vault.readEvents(session.key(), sink::event);
            }
        };
    }

    /** Vault sessions whose provider logs were not found on disk, as listing rows. */
    private List<SessionListing> vaultOnly(
            java.util.Set<dev.kato.event.SessionKey> discovered, @Nullable Provider only) {
        List<SessionListing> rows = new ArrayList<>();
        try (Vault vault = Vault.openReadOnly(vaultDir)) {
            for (VaultSessionInfo info : vault.sessions()) {
                if (!discovered.contains(info.key())
                        && (only == null || info.key().provider() == only)) {
                    String log =
                            info.providerLogs().isEmpty()
                                    ? ""
                                    : info.providerLogs().getFirst().path().toString();
                    rows.add(
                            new SessionListing(
                                    info.key(),
                                    info.title(),
                                    info.lastEventTime(),
                                    info.eventCount(),
                                    false,
                                    log));
                }
            }
        } catch (IOException e) {
            // an unreadable vault lists nothing extra
        }
        return rows;
    }

    public List<DiscoveredSession> discover() {
        return new SessionDiscovery().scan(roots);
    }

    /** Every session (of one provider, when given) with its summary. */
    public List<SessionListing> list(@Nullable Provider only) {
        List<SessionListing> rows = new ArrayList<>();
        java.util.Set<dev.kato.event.SessionKey> seen = new java.util.HashSet<>();
        for (DiscoveredSession s : discover()) {
            seen.add(s.key());
            if (only != null && s.key().provider() != only) {
                continue;
            }
            SessionSummary summary = new SessionSummary();
            Path log = s.primaryFile().path();
            try {
                new SessionFileReader(limits).readAll(s.primaryFile(), summary);
            } catch (IOException e) {
                // Listed anyway: the row says what is known.
            }
            rows.add(
                    new SessionListing(
                            s.key(),
                            summary.title(),
                            summary.lastMessageTime().orElse(null),
                            summary.eventCount(),
                            Files.exists(log),
                            log.toString()));
        }
        rows.addAll(vaultOnly(seen, only));
        return rows;
    }

    /** Resolves a user's session reference. */
    public Resolution resolve(String reference, Path workingDirectory) throws IOException {
        Path asPath = workingDirectory.resolve(reference);
        if (looksLikePath(reference) && Files.isRegularFile(asPath)) {
            return resolveFile(asPath.toRealPath());
        }
        List<DiscoveredSession> matches = new ArrayList<>();
        for (DiscoveredSession s : discover()) {
            if (matches(s, reference)) {
                matches.add(s);
            }
        }
        if (matches.size() == 1) {
            return new Resolution.Found(matches.getFirst());
        }
        if (matches.isEmpty()) {
            List<VaultSessionInfo> stored = vaultMatches(reference);
            if (stored.size() == 1) {
                return new Resolution.InVault(stored.getFirst());
            }
            return new Resolution.NotFound(
                    "no session matches '" + reference + "'; list them with 'kato sessions'");
        }
        return new Resolution.NotFound(
                "'"
                        + reference
                        + "' matches "
                        + matches.size()
                        + " sessions; use the full Kato or provider session id");
    }

    private Resolution resolveFile(Path file) throws IOException {
        for (DiscoveredSession s : discover()) {
            for (var f : s.filesToRead()) {
                if (Files.exists(f.path()) && f.path().toRealPath().equals(file)) {
                    return new Resolution.Found(s);
                }
            }
        }
        Optional<DiscoveredSession> single = SessionDiscovery.single(file);
        return single.<Resolution>map(Resolution.Found::new)
                .orElseGet(() ->
                        new Resolution.NotFound(
                                file + " is not a Claude Code, Codex or Gemini CLI session log"));
    }

    private static boolean looksLikePath(String reference) {
        return reference.contains("/")
                || reference.endsWith(".jsonl")
                || reference.endsWith(".json");
    }

    private static boolean matches(DiscoveredSession s, String reference) {
        String ref = reference.toLowerCase(java.util.Locale.ROOT);
        UUID kato = s.key().katoSessionId();
        return s.key().providerSessionId().equals(reference)
                || kato.toString().equals(ref)
                || (ref.length() == 8 && s.key().shortId().equals(ref));
    }

    /** The outcome of resolving a session reference. */
    public sealed interface Resolution {
        record Found(DiscoveredSession session) implements Resolution {}

        /** Known only to the vault: the provider's log is gone. */
        record InVault(dev.kato.vault.VaultSessionInfo session) implements Resolution {}

        record NotFound(String message) implements Resolution {}
    }
}

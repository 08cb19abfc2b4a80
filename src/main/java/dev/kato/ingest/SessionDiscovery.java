package dev.kato.ingest;

import dev.kato.event.Provider;
import dev.kato.event.SessionKey;
import dev.kato.provider.FileRole;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds provider session logs under the configured roots and groups them into conversations: Claude
 * sub-agent transcripts (both layouts) and Gemini sub-agent files are attached to their parent
 * session, never listed as sessions of their own. Symbolic links are not followed; unreadable
 * directories and files are skipped and counted.
 */
public final class SessionDiscovery {
    private static final int MAX_DEPTH = 8;

    private int skipped;

    /** Number of files or directories that could not be read during the last scan. */
    public int skipped() {
        return skipped;
    }

    /** Scans every root of every provider; sessions are ordered by provider, then session id. */
    public List<DiscoveredSession> scan(Map<Provider, List<Path>> roots) {
        skipped = 0;
        Map<SessionKey, Group> groups = new LinkedHashMap<>();
        for (var entry : roots.entrySet()) {
            for (Path root : entry.getValue()) {
                for (SessionFile file : listFiles(entry.getKey(), root)) {
                    assign(file, groups);
                }
            }
        }
        List<DiscoveredSession> sessions = new ArrayList<>();
        groups.forEach((key, g) -> sessions.add(g.toSession(key)));
        sessions.sort(
                Comparator.comparing((DiscoveredSession s) -> s.key().provider())
                        .thenComparing(s -> s.key().providerSessionId()));
        return sessions;
    }

    /**
     * A single log file named by the user, possibly outside every root: its provider is read from
     * its content. Empty when the file is not a recognisable session log.
     */
    public static Optional<DiscoveredSession> single(Path file) throws IOException {
        Optional<Provider> provider = ProviderSniffer.sniff(file);
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        Path parent = file.toAbsolutePath().getParent();
        Optional<SessionFile> classified =
                SessionLayout.classify(provider.get(), parent == null ? file : parent, file);
        SessionFile sessionFile =
                classified.orElse(new SessionFile(provider.get(), file, FileRole.MAIN, null));
        if (sessionFile.role() != FileRole.MAIN) {
            sessionFile = new SessionFile(provider.get(), file, FileRole.MAIN, null);
        }
        Optional<String> id = SessionLayout.sessionIdOf(sessionFile);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new DiscoveredSession(
                        new SessionKey(provider.get(), id.get()), List.of(sessionFile), List.of()));
    }

    /** The conversation a session file belongs to (for sub-agent files: the parent's). */
    public static Optional<SessionKey> sessionKeyOf(SessionFile file) throws IOException {
        return SessionLayout.sessionIdOf(file).map(id -> new SessionKey(file.provider(), id));
    }

    /** Every session file of one provider under one root, classified by layout. */
    List<SessionFile> listFiles(Provider provider, Path root) {
        List<SessionFile> files = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try {
            Files.walkFileTree(
                    root,
                    java.util.Set.of(),
                    MAX_DEPTH,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile()) {
                                SessionLayout.classify(provider, root, file).ifPresent(files::add);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException exc) {
                            skipped++;
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            skipped++;
        }
        files.sort(Comparator.comparing(f -> f.path().toString()));
        return files;
    }

    private void assign(SessionFile file, Map<SessionKey, Group> groups) {
        Optional<String> id;
        try {
            id = SessionLayout.sessionIdOf(file);
        } catch (IOException e) {
            skipped++;
            return;
        }
        if (id.isEmpty()) {
            skipped++;
            return;
        }
        Group g =
                groups.computeIfAbsent(new SessionKey(file.provider(), id.get()), k -> new Group());
        if (file.role() == FileRole.MAIN) {
            g.main.add(file);
        } else {
            g.subAgents.add(file);
        }
    }

    private static final class Group {
        final List<SessionFile> main = new ArrayList<>();
        final List<SessionFile> subAgents = new ArrayList<>();

        DiscoveredSession toSession(SessionKey key) {
            // Gemini keeps a legacy .json beside its migrated .jsonl: prefer the .jsonl.
            main.sort(
                    Comparator.comparing((SessionFile f) -> !f.path().toString().endsWith(".jsonl"))
                            .thenComparing(f -> f.path().toString()));
            return new DiscoveredSession(key, main, subAgents);
        }
    }
}

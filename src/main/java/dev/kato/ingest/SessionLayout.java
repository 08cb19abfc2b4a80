package dev.kato.ingest;

import dev.kato.event.Provider;
import dev.kato.provider.FileRole;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where each provider keeps its logs, and how a file's place says what it is (providers.md §2–4).
 */
final class SessionLayout {
    private SessionLayout() {}

    /** Classifies a file under a provider root; empty for files that are not session logs. */
    static Optional<SessionFile> classify(Provider provider, Path root, Path file) {
        String name = file.getFileName().toString();
        return switch (provider) {
            case CLAUDE -> classifyClaude(file, name);
            case CODEX ->
                    name.startsWith("rollout-") && name.endsWith(".jsonl")
                            ? Optional.of(new SessionFile(provider, file, FileRole.MAIN, null))
                            : Optional.empty();
            case GEMINI -> classifyGemini(root, file, name);
        };
    }

    private static Optional<SessionFile> classifyClaude(Path file, String name) {
        if (!name.endsWith(".jsonl")
                || name.equals("journal.jsonl")
                || name.equals("history.jsonl")) {
            return Optional.empty();
        }
        if (name.startsWith("agent-")) {
            String agentId = name.substring("agent-".length(), name.length() - ".jsonl".length());
            return Optional.of(new SessionFile(Provider.CLAUDE, file, FileRole.SUB_AGENT, agentId));
        }
        if (hasAncestorNamed(file, "subagents")) {
            return Optional.of(
                    new SessionFile(
                            Provider.CLAUDE, file, FileRole.SUB_AGENT, SessionIdentity.stem(file)));
        }
        return Optional.of(new SessionFile(Provider.CLAUDE, file, FileRole.MAIN, null));
    }

    private static Optional<SessionFile> classifyGemini(Path root, Path file, String name) {
        Path parent = file.getParent();
        if (parent == null || !(name.endsWith(".json") || name.endsWith(".jsonl"))) {
            return Optional.empty();
        }
        if (parent.getFileName().toString().equals("chats") && name.startsWith("session-")) {
            return Optional.of(new SessionFile(Provider.GEMINI, file, FileRole.MAIN, null));
        }
        Path grand = parent.getParent();
        if (grand != null
                && grand.getFileName().toString().equals("chats")
                && name.endsWith(".jsonl")
                && grand.startsWith(root)) {
            return Optional.of(
                    new SessionFile(
                            Provider.GEMINI, file, FileRole.SUB_AGENT, SessionIdentity.stem(file)));
        }
        return Optional.empty();
    }

    /** The session a file belongs to: its own id for main files, the parent's for sub-agents. */
    static Optional<String> sessionIdOf(SessionFile file) throws IOException {
        Path path = file.path();
        return switch (file.provider()) {
            case CLAUDE -> {
                if (file.role() == FileRole.MAIN) {
                    yield SessionIdentity.claudeSessionIdOfRecords(path)
                            .or(() -> Optional.of(SessionIdentity.stem(path)));
                }
                Path subagents = ancestorNamed(path, "subagents");
                yield subagents != null && subagents.getParent() != null
                        ? Optional.of(subagents.getParent().getFileName().toString())
                        : SessionIdentity.claudeSessionIdOfRecords(path);
            }
            case CODEX -> SessionIdentity.codexSessionId(path);
            case GEMINI ->
                    file.role() == FileRole.MAIN
                            ? SessionIdentity.geminiSessionId(path)
                                    .or(() -> Optional.of(SessionIdentity.stem(path)))
                            : Optional.of(path.getParent().getFileName().toString());
        };
    }

    private static boolean hasAncestorNamed(Path file, String name) {
        return ancestorNamed(file, name) != null;
    }

    private static Path ancestorNamed(Path file, String name) {
        for (Path p = file.getParent(); p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals(name)) {
                return p;
            }
        }
        return null;
    }
}

package dev.kato.ingest;

import static java.util.Objects.requireNonNull;

import dev.kato.event.SessionKey;
import java.util.List;

/**
 * A conversation found on disk: its main log file(s) and attached sub-agent transcripts.
 *
 * @param mainFiles the main log, usually one (Gemini may hold a legacy {@code .json} and its
 *     migrated {@code .jsonl}; the preferred one comes first)
 * @param subAgentFiles sub-agent transcripts attached to this session
 */
public record DiscoveredSession(
        SessionKey key, List<SessionFile> mainFiles, List<SessionFile> subAgentFiles) {
    public DiscoveredSession {
        requireNonNull(key, "key");
        mainFiles = List.copyOf(mainFiles);
        subAgentFiles = List.copyOf(subAgentFiles);
    }

    /** The file to read the conversation from, or the first sub-agent file for orphans. */
    public SessionFile primaryFile() {
        return mainFiles.isEmpty() ? subAgentFiles.getFirst() : mainFiles.getFirst();
    }

    /** The primary file followed by the sub-agent transcripts. */
    public List<SessionFile> filesToRead() {
        var all = new java.util.ArrayList<SessionFile>();
        if (!mainFiles.isEmpty()) {
            all.add(mainFiles.getFirst());
        }
        all.addAll(subAgentFiles);
        return all;
    }
}

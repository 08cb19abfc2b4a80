package dev.kato.ingest;

import static java.util.Objects.requireNonNull;

import dev.kato.event.Provider;
import dev.kato.provider.FileRole;
import dev.kato.provider.ParseContext;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One provider log file found under a session root.
 *
 * @param role main conversation or sub-agent transcript
 * @param agentId the sub-agent id when the layout names it
 */
public record SessionFile(Provider provider, Path path, FileRole role, @Nullable String agentId) {
    public SessionFile {
        requireNonNull(provider, "provider");
        requireNonNull(path, "path");
        requireNonNull(role, "role");
    }

    public ParseContext parseContext() {
        return new ParseContext(provider, path.getFileName().toString(), role, agentId);
    }
}

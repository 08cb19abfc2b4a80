package dev.kato.provider;

import static java.util.Objects.requireNonNull;

import dev.kato.event.Provider;
import org.jspecify.annotations.Nullable;

/**
 * What a parser may know about the file besides its bytes. Supplied by the caller; parsers never
 * look at the file system.
 *
 * @param provider which assistant wrote the file
 * @param fileName the file's name (no directories), used only as a fallback identity
 * @param role main conversation or sub-agent transcript
 * @param agentId the sub-agent id when {@code role} is SUB_AGENT and the layout names it
 */
public record ParseContext(
        Provider provider, String fileName, FileRole role, @Nullable String agentId) {
    public ParseContext {
        requireNonNull(provider, "provider");
        requireNonNull(fileName, "fileName");
        requireNonNull(role, "role");
        if (fileName.contains("/")) {
            throw new IllegalArgumentException("fileName must not contain a directory");
        }
    }

    public static ParseContext main(Provider provider, String fileName) {
        return new ParseContext(provider, fileName, FileRole.MAIN, null);
    }

    /** The file name without its last extension. */
    public String fileStem() {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    @Override
    public String toString() {
        return "ParseContext[" + provider.id() + ", role=" + role + "]";
    }
}

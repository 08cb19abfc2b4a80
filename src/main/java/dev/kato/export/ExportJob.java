package dev.kato.export;

import dev.kato.config.Environment;
import dev.kato.config.KatoConfig;
import dev.kato.policy.ApprovedPath;
import dev.kato.policy.PathDecision;
import dev.kato.provider.ParserLimits;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * The part of {@code kato export} that touches the session and the destination: the policy decision
 * on the destination (made again here, by whoever writes), then the streaming export. Runs in the
 * confined export process, or in the CLI process when {@code sandbox.mode} lets it.
 */
public final class ExportJob {
    private ExportJob() {}

    /** A failed export as its one-line user message (after {@code kato: }). */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        public Failure(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Decides on {@code destination} with the write policy of {@code config}, then exports.
     *
     * @param shortId the session's short id, for messages
     * @throws Failure with the one-line message the CLI prints
     */
    public static ExportResult run(
            KatoConfig config,
            Environment env,
            long userId,
            String destination,
            SessionExporter.EventSource events,
            String shortId)
            throws Failure {
        ApprovedPath approved = approve(config, env, userId, destination);
        try {
            return new SessionExporter(limits(config), b -> {})
                    .export(events, approved, Configured.markdown(config));
        } catch (IOException e) {
            throw new Failure("export of " + shortId + " failed: " + describe(e));
        }
    }

    /** The policy's approval of {@code destination}, or the CLI's denial message. */
    public static ApprovedPath approve(
            KatoConfig config, Environment env, long userId, String destination) throws Failure {
        return switch (Configured.policy(config, env, userId).decide(destination)) {
            case PathDecision.Allowed a -> a.path();
            case PathDecision.Denied d -> throw new Failure("export denied: " + d.message());
        };
    }

    public static ParserLimits limits(KatoConfig config) {
        return ParserLimits.DEFAULT.withMaxLineBytes(config.ingest().maxLineBytes());
    }

    /** A one-line reason for a failed read or write: paths and kernel reasons, no content. */
    public static String describe(IOException e) {
        return switch (e) {
            case NothingToExportException n -> n.getMessage();
            case ExistingFileException x -> x.getMessage();
            case java.nio.file.AccessDeniedException a -> "permission denied: " + a.getFile();
            case java.nio.file.FileSystemException fs ->
                    fs.getReason() == null
                            ? fs.getClass().getSimpleName() + ": " + fs.getFile()
                            : fs.getReason() + ": " + fs.getFile();
            default -> e.getClass().getSimpleName();
        };
    }

    /** Reports progress to {@code sink}, at most every {@code stepBytes}. */
    public static LongConsumer throttled(LongConsumer sink, long stepBytes) {
        long[] last = {-stepBytes};
        return bytes -> {
            if (bytes - last[0] >= stepBytes) {
                last[0] = bytes;
                sink.accept(bytes);
            }
        };
    }
}

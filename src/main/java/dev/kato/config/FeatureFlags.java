package dev.kato.config;

/**
 * What writers include and which daemon features run ({@code featureFlags.*}).
 *
 * @param writerIncludeCommentary render assistant commentary (default true)
 * @param writerIncludeThinking render thinking blocks (default false)
 * @param writerIncludeToolCalls render tool calls and results (default false)
 * @param writerItalicizeUserMessages italicise user messages in Markdown (default false)
 * @param daemonExportEnabled honour in-chat {@code ::export} (default true)
 * @param captureIncludeSystemEvents include system notices in captures (default false)
 */
public record FeatureFlags(
        boolean writerIncludeCommentary,
        boolean writerIncludeThinking,
        boolean writerIncludeToolCalls,
        boolean writerItalicizeUserMessages,
        boolean daemonExportEnabled,
        boolean captureIncludeSystemEvents) {
    public static final FeatureFlags DEFAULTS =
            new FeatureFlags(true, false, false, false, true, false);
}

package dev.kato.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Writer settings ({@code writer.*}).
 *
 * @param toolResultMaxChars tool results longer than this are truncated in Markdown; 0 shows none
 *     of the text (default 4000, at most 10,000,000)
 * @param allowedExtensions the file extensions a destination may have (default {@code .md}, {@code
 *     .markdown}, {@code .jsonl}); lower case, with the dot, no duplicates, at least one
 */
public record WriterConfig(int toolResultMaxChars, List<String> allowedExtensions) {
    public static final int MAX_TOOL_RESULT_CHARS = 10_000_000;
    public static final Pattern EXTENSION = Pattern.compile("\\.[a-z0-9][a-z0-9_-]{0,15}");
    public static final WriterConfig DEFAULTS =
            new WriterConfig(4000, List.of(".md", ".markdown", ".jsonl"));

    public WriterConfig {
        if (toolResultMaxChars < 0 || toolResultMaxChars > MAX_TOOL_RESULT_CHARS) {
            throw new IllegalArgumentException(
                    "toolResultMaxChars must be 0.." + MAX_TOOL_RESULT_CHARS);
        }
        allowedExtensions = List.copyOf(allowedExtensions);
        if (allowedExtensions.isEmpty()
                || allowedExtensions.stream().distinct().count() != allowedExtensions.size()
                || !allowedExtensions.stream().allMatch(e -> EXTENSION.matcher(e).matches())) {
            throw new IllegalArgumentException(
                    "allowedExtensions must be distinct, non-empty and match " + EXTENSION);
        }
    }
}

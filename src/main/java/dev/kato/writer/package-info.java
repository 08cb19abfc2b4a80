/**
 * Pure renderers from canonical events to text: {@link dev.kato.writer.JsonlRenderer} (one event
 * per line) and the Markdown transcript — {@link dev.kato.writer.MarkdownBodyWriter} streams the
 * body event by event, {@link dev.kato.writer.Frontmatter} renders or merges the YAML frontmatter,
 * {@link dev.kato.writer.MarkdownRenderer} puts both together in memory. No file I/O and no clock:
 * the caller decides where the bytes go. Most callers need only MarkdownRenderer (or
 * MarkdownBodyWriter plus Frontmatter for large sessions), {@link dev.kato.writer.MarkdownOptions}
 * and {@link dev.kato.writer.MergeOutcome}.
 */
@NullMarked
package dev.kato.writer;

import org.jspecify.annotations.NullMarked;

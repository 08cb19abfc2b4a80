/**
 * The optional prompt-history cross-check (security.md §4, providers.md §1 item 4): before an
 * in-chat command runs, {@link dev.kato.prompthistory.PromptHistory} looks for its command lines in
 * the assistant's own record of what was submitted from the prompt box ({@code
 * ~/.claude/history.jsonl}, {@code ~/.codex/history.jsonl}, Gemini's per-project {@code
 * logs.json}). Reads are bounded; nothing read is logged.
 */
@NullMarked
package dev.kato.prompthistory;

import org.jspecify.annotations.NullMarked;

/**
 * The Claude Code session-log parser: turns the append-only JSONL of {@code
 * ~/.claude/projects/<project>/<sessionId>.jsonl} (and sub-agent transcripts) into canonical
 * events. Most callers need only {@link dev.kato.provider.claude.ClaudeParsers}.
 *
 * <p>The heart of the package is telling the text a person typed from everything else that Claude
 * stores in {@code user} rows (tool output, harness notes, slash-command expansions, compaction
 * summaries, IDE context, reminders): only text classified {@link dev.kato.event.UserOrigin#HUMAN}
 * may ever carry in-chat commands. Everything here is pure: no files, clock, environment or
 * logging.
 */
@NullMarked
package dev.kato.provider.claude;

import org.jspecify.annotations.NullMarked;

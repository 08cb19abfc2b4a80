/**
 * Parsers for Gemini CLI session logs: the legacy {@code session-*.json} document that the CLI
 * rewrites in place, and the newer append-only {@code session-*.jsonl} log in which a message is
 * re-appended every time it changes. Most callers need only {@link
 * dev.kato.provider.gemini.GeminiParsers#create}.
 *
 * <p>Both formats share one pipeline: a message record is turned into keyed parts ({@code
 * MessageParts}), and a per-session ledger ({@code EmissionLedger}) remembers a small hash per
 * emitted part, so each snapshot or re-appended copy yields only what is new or changed. Only a
 * {@code user} row of a main session whose text the user typed becomes a {@code HUMAN} message;
 * tool responses, @-file contents, hook and session context, shell output, history rewrites and
 * sub-agent prompts are captured with a non-human origin ({@code providers.md} §4.4, §6.3).
 */
@NullMarked
package dev.kato.provider.gemini;

import org.jspecify.annotations.NullMarked;

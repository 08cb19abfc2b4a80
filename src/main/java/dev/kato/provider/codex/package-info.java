/**
 * The OpenAI Codex session-log parser: turns the JSONL rollouts Codex writes under {@code
 * ~/.codex/sessions} (the enveloped {@code {timestamp, type, payload}} format and the legacy bare
 * format) into canonical events. Pure: bytes in, events out; no files, clock or environment.
 *
 * <p>The part that matters for security is the origin of user text: only an {@code event_msg}
 * {@code user_message} of an interactive ({@code cli}/{@code vscode}) session, with no injected
 * {@code kind}, outside a fork-prefix replay, and only the text after the last IDE request marker,
 * is {@link dev.kato.event.UserOrigin#HUMAN}. Most callers need only {@link
 * dev.kato.provider.codex.CodexParsers}.
 */
@NullMarked
package dev.kato.provider.codex;

import org.jspecify.annotations.NullMarked;

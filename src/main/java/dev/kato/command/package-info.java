/**
 * In-chat control commands ({@code product.md} §5): a pure parser from the text of one human-typed
 * user message to the {@code ::init}, {@code ::record}, {@code ::capture}, {@code ::export} and
 * {@code ::stop} commands it contains, and the line ranges of that message each command sees. No
 * I/O, no clock; paths are returned as typed (normalized, not yet checked by the write policy).
 * Whether a message may carry commands at all ({@code security.md} §4) is the caller's decision.
 * Most callers need only {@link dev.kato.command.CommandParser}, {@link
 * dev.kato.command.CommandParse} and {@link dev.kato.command.MessageSegments}.
 */
@NullMarked
package dev.kato.command;

import org.jspecify.annotations.NullMarked;

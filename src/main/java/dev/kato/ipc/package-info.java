/**
 * The wire between the daemon and its worker processes: {@link dev.kato.ipc.WireFrames}
 * (length-prefixed, versioned, size-limited frames that fail closed) and the destination writer's
 * protocol on top of it ({@link dev.kato.ipc.WriterRequest}, {@link dev.kato.ipc.WriterReply}, the
 * worker's start arguments {@link dev.kato.ipc.WriterStart} and the daemon's end of one worker,
 * {@link dev.kato.ipc.WriterChannel}). No conversation content appears in any exception or {@code
 * toString}.
 */
@NullMarked
package dev.kato.ipc;

import org.jspecify.annotations.NullMarked;

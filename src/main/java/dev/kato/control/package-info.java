/**
 * The control plane shared by the {@code kato} CLI and the daemon: the sealed {@link
 * dev.kato.control.ControlRequest} / {@link dev.kato.control.ControlReply} records, their
 * versioned, length-prefixed, size-limited frame codec ({@link dev.kato.control.FrameCodec}), the
 * runtime file locations ({@link dev.kato.control.ControlPaths}), the per-{@code KATO_HOME}
 * exclusive lock ({@link dev.kato.control.RuntimeLock}) and the client side of the unix-domain
 * control socket ({@link dev.kato.control.DaemonClient}). There is no TCP anywhere. Most callers
 * need only {@code DaemonClient} and {@code ControlPaths}. Depends on the JDK, Jackson's streaming
 * core and the leaf {@code dev.kato.json} tree only.
 */
@NullMarked
package dev.kato.control;

import org.jspecify.annotations.NullMarked;

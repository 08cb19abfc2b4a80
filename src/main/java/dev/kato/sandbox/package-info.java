/**
 * Kernel confinement of Kato's processes ({@code security.md} §5), reached from Java through the
 * Foreign Function &amp; Memory API only: {@link dev.kato.sandbox.Landlock} (filesystem, TCP and
 * IPC-scope rules), {@link dev.kato.sandbox.Seccomp} (a deny-list installed on every thread with
 * {@code TSYNC}), {@code no_new_privs} and {@link dev.kato.sandbox.ResourceLimits}. A role's reach
 * is an {@link dev.kato.sandbox.Envelope}; {@link dev.kato.sandbox.ConfinedLauncher} starts a
 * worker JVM confined on every thread from its first instruction ("restrict, then re-exec"). {@link
 * dev.kato.sandbox.SandboxDoctor} proves each layer with live probes and reports only what the
 * kernel denied. x86_64 Linux only; elsewhere every layer reports "not supported".
 */
@NullMarked
package dev.kato.sandbox;

import org.jspecify.annotations.NullMarked;

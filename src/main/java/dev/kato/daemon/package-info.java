/**
 * The daemon: its process entry point ({@link dev.kato.daemon.DaemonMain}) and composition root
 * ({@code Daemon}), which takes the per-{@code KATO_HOME} lock ({@code DaemonLock}), serves the
 * unix-domain control socket ({@code ControlServer}, owner-only, peer uid checked), writes the
 * operational log and the status snapshot, and closes everything it opened in reverse order on
 * {@code Stop} or SIGTERM. Later services (ingestion, recordings, commands) plug in through {@code
 * DaemonServices}. Nothing outside this package calls into it; the CLI talks to it over {@code
 * dev.kato.control}.
 */
@NullMarked
package dev.kato.daemon;

import org.jspecify.annotations.NullMarked;

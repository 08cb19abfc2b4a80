/**
 * Provider-agnostic reading of session logs. {@link dev.kato.ingest.SessionDiscovery} finds and
 * groups session files under the configured roots for one-shot commands; {@link
 * dev.kato.ingest.LiveIngest} follows them while the daemon runs: a snapshot-diffing watcher (watch
 * events are only hints, a periodic rescan is the safety net) and one byte-offset tail per file
 * that consumes only complete lines, detects truncation and replacement, and resumes from a
 * persisted {@link dev.kato.ingest.IngestCursor}. Most callers need only {@code LiveIngest}, {@link
 * dev.kato.ingest.IngestListener} and {@code IngestCursor}.
 */
@NullMarked
package dev.kato.ingest;

import org.jspecify.annotations.NullMarked;

/**
 * Provider-agnostic reading of session logs: {@link dev.kato.ingest.SessionDiscovery} finds and
 * groups session files under the configured roots. (The live tailer with byte-offset cursors
 * arrives with the daemon.)
 */
@NullMarked
package dev.kato.ingest;

import org.jspecify.annotations.NullMarked;

/**
 * Versioned, atomically replaced state files. A {@link dev.kato.state.StateStore} pairs one file
 * with an explicit {@link dev.kato.state.StateCodec} and schema version; loading yields a sealed
 * {@link dev.kato.state.LoadResult}, and a file that fails to parse or validate is moved aside by
 * {@link dev.kato.state.Quarantine} (never silently reset) and reported to a {@link
 * dev.kato.state.QuarantineListener}. Knows nothing of Kato's domain types. Most callers need only
 * StateStore, StateCodec and LoadResult.
 */
@NullMarked
package dev.kato.state;

import org.jspecify.annotations.NullMarked;

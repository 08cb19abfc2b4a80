/**
 * The vault: Kato's own durable copy of every session's canonical events under {@code
 * KATO_HOME/sessions}, one directory per Kato session id holding an append-only {@code
 * events.jsonl} (canonical JSONL, exactly once per event id), a {@code meta.json} state file and a
 * derived on-disk event-id index. It survives the provider deleting its logs; listing and export
 * work from it. Most callers need only {@link dev.kato.vault.Vault} and {@link
 * dev.kato.vault.VaultSessionInfo}; {@link dev.kato.vault.JsonlEventReader} reads one canonical
 * line back into its event.
 */
@NullMarked
package dev.kato.vault;

import org.jspecify.annotations.NullMarked;

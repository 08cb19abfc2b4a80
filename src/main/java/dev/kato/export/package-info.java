/**
 * One-shot use cases of the CLI: {@link dev.kato.export.SessionCatalog} (list and resolve sessions)
 * and {@link dev.kato.export.SessionExporter} (stream a session to an approved destination).
 */
@NullMarked
package dev.kato.export;

import org.jspecify.annotations.NullMarked;

/**
 * Low-level file primitives every writer uses: atomic replace ({@link dev.kato.fs.AtomicFiles}) and
 * owner-only permissions ({@link dev.kato.fs.PrivateFiles}). JDK only.
 */
@NullMarked
package dev.kato.fs;

import org.jspecify.annotations.NullMarked;

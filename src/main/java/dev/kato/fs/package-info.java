/**
 * Low-level file primitives every writer uses: atomic replace ({@link dev.kato.fs.AtomicFiles}) and
 * owner-only permissions ({@link dev.kato.fs.PrivateFiles}) for Kato's own files, and for
 * destinations handle-relative access that follows no link and never leaves its root ({@link
 * dev.kato.fs.BeneathDirectory}, {@link dev.kato.fs.OpenFile}, {@link
 * dev.kato.fs.WriteOpenMechanism}): Linux system calls through the JDK's Foreign Function &amp;
 * Memory API. JDK only.
 */
@NullMarked
package dev.kato.fs;

import org.jspecify.annotations.NullMarked;

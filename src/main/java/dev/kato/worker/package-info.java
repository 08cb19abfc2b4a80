/**
 * Entry points of confined processes: {@link dev.kato.worker.ConfineAndExec} (the trampoline that
 * restricts its thread and re-executes the worker JVM) and {@link dev.kato.worker.ProbeWorker} (a
 * worker that attempts forbidden operations and reports what the kernel answered). No picocli here:
 * workers start without it.
 */
@NullMarked
package dev.kato.worker;

import org.jspecify.annotations.NullMarked;

/**
 * Kato's configuration: the {@link dev.kato.config.Environment} snapshot taken once at start-up,
 * the immutable {@link dev.kato.config.KatoConfig} records, the strict, fail-closed {@link
 * dev.kato.config.ConfigLoader} (every problem of a file is reported at once, with key path and
 * line), and {@link dev.kato.config.ConfigWriter} / {@link dev.kato.config.ConfigInit} for {@code
 * kato init} and {@code kato config show}. Most callers need only {@code Environment.capture()},
 * {@code ConfigLoader.load(env)} and the records it returns. Depends on the JDK and
 * snakeyaml-engine only; nothing here reads the environment except {@code Environment.capture()}.
 */
@NullMarked
package dev.kato.config;

import org.jspecify.annotations.NullMarked;

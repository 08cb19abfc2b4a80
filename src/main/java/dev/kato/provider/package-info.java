/**
 * The parser SPI: a {@link dev.kato.provider.SessionParser} per session file, fed bytes
 * incrementally and emitting canonical events into a {@link dev.kato.provider.ParseSink}. {@link
 * dev.kato.provider.JsonlSessionParser} frames JSONL logs for the per-provider {@link
 * dev.kato.provider.RecordParser}s. Everything here is pure: no files, clock or environment.
 */
@NullMarked
package dev.kato.provider;

import org.jspecify.annotations.NullMarked;

/**
 * Recordings: {@link dev.kato.recording.SessionRecorder} is the pure per-session state machine of
 * the in-chat commands ({@code ::init}, {@code ::record}, {@code ::capture}, {@code ::export},
 * {@code ::stop}); it turns events into {@link dev.kato.recording.RecordingEffect}s for a writer to
 * carry out and {@link dev.kato.recording.CommandOutcome}s for status and logs.
 */
@NullMarked
package dev.kato.recording;

import org.jspecify.annotations.NullMarked;

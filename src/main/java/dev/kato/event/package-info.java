/**
 * The canonical conversation model: a sealed {@link dev.kato.event.ConversationEvent} with one
 * record per kind, each carrying {@link dev.kato.event.EventMeta} (stable id, provider, session,
 * provider time, turn). JDK only; no serialization annotations. Most callers need only
 * ConversationEvent and its variants.
 */
@NullMarked
package dev.kato.event;

import org.jspecify.annotations.NullMarked;

/**
 * The security audit log: sealed {@link dev.kato.audit.AuditEvent}s appended to a SHA-256
 * hash-chained JSONL file by {@link dev.kato.audit.HashChainedAuditLog} and checked by {@link
 * dev.kato.audit.AuditVerifier}. No conversation content is ever recorded.
 */
@NullMarked
package dev.kato.audit;

import org.jspecify.annotations.NullMarked;

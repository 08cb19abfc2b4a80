/**
 * The write policy: {@link dev.kato.policy.PathPolicy#decide} turns a requested destination into a
 * sealed {@link dev.kato.policy.PathDecision}; only an {@code Allowed} decision carries the {@link
 * dev.kato.policy.ApprovedPath} capability that writers accept. Most callers need only those two.
 */
@NullMarked
package dev.kato.policy;

import org.jspecify.annotations.NullMarked;

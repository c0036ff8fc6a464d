/**
 * Operations a lab's database team runs on a DataJoint database: access management, backup and
 * restore, cleanup of orphaned objects and rows, migration of legacy external storage, and
 * verification of stores against their tracking tables.
 *
 * <p>This package holds the one shape every operation takes. A front door (e.g.
 * {@code AccessManager}) makes an {@link org.dovetail.ops.OperationPlan}: a report of what
 * would change, made without changing anything, with a header (operation, scope, creation time,
 * optional expiry and fingerprint of the state it was made from). {@link
 * org.dovetail.ops.Operation#apply} carries a plan out: it refuses a stale plan, holds the
 * {@link org.dovetail.ops.OperationLock} of the operation and scope so two runs never
 * interleave, records the apply in the {@link org.dovetail.ops.AuditLog}, and returns the
 * work's report. Long phases report to an {@link org.dovetail.ops.OperationProgress}. The
 * command line prints plans and reports the same way and takes its exit code from their outcome.
 *
 * <p>The module uses only dovetail-core's public API ({@code org.dovetail.store} for the
 * external stores), never {@code org.dovetail.internal}.
 *
 * <p><b>Not yet stable:</b> the public types of {@code org.dovetail.ops} and its packages may
 * change before 1.0.
 */
package org.dovetail.ops;
